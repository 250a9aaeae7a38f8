// A file in the shape of Microsoft's beta OpenAPI file, at any size: for spec:upstream's benchmark and tests.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The committed slice of Microsoft's beta file: the two operations, their schemas and some neighbours. */
export const SLICE_PATH = fileURLToPath(new URL("../../../test/fixtures/upstream-beta-slice.yaml", import.meta.url));

const DATE_PATTERN =
  "'^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$'";

/**
 * Microsoft's beta file in its official shape, grown to `paths` extra path items (each with GET,
 * PATCH and DELETE, as the generator emits them) and one entity schema per path. Block-style
 * YAML like the real file, since parsers are much slower on it than on flow style or JSON.
 * About 21 KB per path: 1,000 paths make a file of about 21 MB.
 */
export async function buildUpstreamFixture(paths: number): Promise<string> {
  const slice = await readFile(SLICE_PATH, "utf8");
  const pathItems: string[] = [];
  const schemas: string[] = [];
  for (let i = 0; i < paths; i++) {
    pathItems.push(fillerPath(i));
    schemas.push(fillerSchema(i));
  }
  // As in the real file, microsoft.graph.entity's discriminator maps every entity: extraction must not follow it.
  const mapping =
    "          '#microsoft.graph.passwordResetResponse': '#/components/schemas/microsoft.graph.passwordResetResponse'\n";
  const widgets = Array.from(
    { length: paths },
    (_, i) => `          '#microsoft.graph.widget${i}': '#/components/schemas/microsoft.graph.widget${i}'\n`,
  );
  return slice
    .replace("\npaths:\n", () => `\npaths:\n${pathItems.join("")}`)
    .replace("\n  schemas:\n", () => `\n  schemas:\n${schemas.join("")}`)
    .replace(mapping, () => mapping + widgets.join(""));
}

function fillerPath(i: number): string {
  const entity = `widget${i}`;
  const operation = (verb: string, extra: string) => `    ${verb}:
      tags: [groups.${entity}]
      summary: ${verb} ${entity} from groups
      description: Read the properties and relationships of a ${entity} object, one of the many generated entities of the fixture.
      externalDocs:
        description: Find more info here
        url: https://learn.microsoft.com/graph/api/${entity}-${verb}?view=graph-rest-beta
      operationId: groups.${entity}.${verb}
${extra}      responses:
        2XX:
          description: Retrieved navigation property
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/microsoft.graph.${entity}'
        4XX:
          $ref: '#/components/responses/error'
        5XX:
          $ref: '#/components/responses/error'
      x-ms-docs-operation-type: operation
`;
  const query = (name: string, description: string) => `        - name: ${name}
          in: query
          description: ${description}
          style: form
          explode: false
          schema:
            uniqueItems: true
            type: array
            items:
              type: string
`;
  return `  /groups/{group-id}/${entity}s/{${entity}-id}:
    description: Provides operations to manage the ${entity}s property of the microsoft.graph.group entity.
${operation("get", `      parameters:\n${query("$select", "Select properties to be returned")}${query("$expand", "Expand related entities")}`)}${operation(
  "patch",
  `      requestBody:
        description: New navigation property values
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/microsoft.graph.${entity}'
        required: true
`,
)}${operation(
  "delete",
  `      parameters:
        - name: If-Match
          in: header
          description: ETag
          schema:
            type: string
`,
)}    parameters:
      - name: group-id
        in: path
        description: The unique identifier of group
        required: true
        schema:
          type: string
        x-ms-docs-key-type: group
      - name: ${entity}-id
        in: path
        description: The unique identifier of ${entity}
        required: true
        schema:
          type: string
        x-ms-docs-key-type: ${entity}
`;
}

function fillerSchema(i: number): string {
  const properties: string[] = [];
  for (let p = 0; p < 32; p++) {
    properties.push(`            property${p}DateTime:
              pattern: ${DATE_PATTERN}
              type: string
              description: 'The time of event ${p} of widget ${i}. The timestamp type represents date and time information using ISO 8601 format and is always in UTC. For example, midnight UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z.'
              format: date-time
              nullable: true
`);
  }
  return `    microsoft.graph.widget${i}:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.entity'
        - title: widget${i}
          required: ['@odata.type']
          type: object
          properties:
${properties.join("")}            status:
              anyOf:
                - $ref: '#/components/schemas/microsoft.graph.longRunningOperationStatus'
                - type: object
                  nullable: true
            '@odata.type':
              type: string
      x-ms-discriminator-value: '#microsoft.graph.widget${i}'
`;
}
