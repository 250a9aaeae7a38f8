import type { MediaType, Response as SpecResponse } from "./openapi-document.ts";

/** The JSON media type of a spec response (`content["application/json"]`), the only one Graph's GETs answer with. */
export function jsonContent(response: SpecResponse | undefined): MediaType | undefined {
  return response?.content?.["application/json"];
}
