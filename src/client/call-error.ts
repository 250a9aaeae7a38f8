import { GraphError, type GraphErrorCode, type GraphErrorDetails } from "../errors/graph-error.ts";

/** Who asked: what a GraphError reports about the request. */
export interface SentRequest {
  method: string;
  url: string;
  clientRequestId: string;
}

/** What a GraphError reports about `request`. */
export const sentRequest = ({ method, url, headers }: Request): SentRequest => ({
  method,
  url,
  clientRequestId: headers.get("client-request-id") ?? "",
});

/** The GraphError of a call: what was sent, the status (0: no response), our code and our words. */
export const callError = (
  sent: SentRequest,
  status: number,
  code: GraphErrorCode,
  message: string,
  more?: Partial<GraphErrorDetails>,
): GraphError => new GraphError({ ...sent, status, code, message, ...more });

/** The GraphError of an answer whose body is longer than the client reads. */
export const tooLargeError = (sent: SentRequest, status: number, maxBodyBytes: number): GraphError =>
  callError(sent, status, "responseTooLarge", `the body is longer than maxBodyBytes (${maxBodyBytes} bytes)`);
