import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import type { Node } from "../../scripts/lib/openapi.ts";
import { diffSpecs } from "../../scripts/lib/spec-diff/diff-specs.ts";
import { parseSpec } from "../../scripts/lib/spec-source.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { template } from "../support/spec-urls.ts";

// The real curated spec is the base of every pair, so the cases meet its $refs, shared schemas and anyOf.
const BASE = parseSpec(readFileSync(join(PROJECT_DIR, "spec/graph-lro.yaml"), "utf8"), "spec/graph-lro.yaml");
// biome-ignore lint/suspicious/noExplicitAny: the cases edit arbitrary nodes of a parsed spec
type Spec = any;
type Edit = (doc: Spec) => void;

const USERS = template("userAuthentication");
const ALERTS = template("roleManagementAlert");
/** The JSON pointer of a path's GET (RFC 6901; the `~1widgets` cases below keep the escaping literal). */
const getPointer = (path: string) => `/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/get`;
const USERS_GET = getPointer(USERS);
const ALERTS_GET = getPointer(ALERTS);
/** A twin of the users path at a path no Graph addition can take. */
const ME = USERS.replace(/^\/users\/\{user-id\}\//, `/${TEST_PREFIX}me/`);
/** A property and an enum member no Graph addition can take. */
const PROPERTY = `${TEST_PREFIX}percent`;
const MEMBER = `${TEST_PREFIX}skipped`;
const LRO = "/components/schemas/microsoft.graph.longRunningOperation";
const STATUS = "/components/schemas/microsoft.graph.longRunningOperationStatus";
const MAIN_ERROR = "/components/schemas/microsoft.graph.ODataErrors.MainError";
const lro = (doc: Node) => (doc as Spec).components.schemas["microsoft.graph.longRunningOperation"];
const statusEnum = (doc: Node) => (doc as Spec).components.schemas["microsoft.graph.longRunningOperationStatus"];
const SENTINEL = "unknownFutureValue";
const withoutSentinel = (d: Spec) => {
  statusEnum(d).enum = statusEnum(d).enum.filter((m: string) => m !== SENTINEL);
};
const widgetPost = (doc: Spec, required: string[]) => {
  doc.paths["/widgets"] = {
    post: {
      operationId: "widgets.Create",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: { type: "object", required, properties: { name: { type: "string" }, size: { type: "integer" } } },
          },
        },
      },
      responses: { "201": { description: "Created" } },
    },
  };
};

/** An operation of the fixture's own, at a path no Graph addition can take, with what the spec's GETs lack. */
const WIDGETS = `/${TEST_PREFIX}widgets/{${TEST_PREFIX}widget-id}`;
const W = `/paths/${WIDGETS.replaceAll("/", "~1")}/post`;
const W_BODY = `${W}/requestBody/content/application~1json/schema`;
const W_200 = `${W}/responses/200`;
const W_READ = `${W_200}/content/application~1json/schema`;
const HEADER = `${TEST_PREFIX}etag`;
const MODE = `${TEST_PREFIX}mode`;
const withWidgets = (d: Spec) => {
  d.paths[WIDGETS] = {
    post: {
      operationId: `${TEST_PREFIX}widgets.Update`,
      parameters: [
        { name: `${TEST_PREFIX}widget-id`, in: "path", required: true, schema: { type: "string" } },
        { name: MODE, in: "query", schema: { type: "string", enum: ["fast", "slow"] } },
      ],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                tags: { type: "array", items: { type: "string" } },
                size: { type: "integer", minimum: 0, maximum: 10 },
                extra: { type: "object", additionalProperties: { type: "string" } },
              },
            },
          },
        },
      },
      responses: {
        "200": {
          description: "Updated.",
          headers: { [HEADER]: { schema: { type: "string" } } },
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  kind: { anyOf: [{ type: "string" }, { type: "integer" }] },
                  list: { type: "array" },
                  size: { type: "integer", maximum: 10 },
                  status: { type: "string", enum: ["on", "off"] },
                  name: { type: "string" },
                },
              },
            },
          },
        },
        "404": { description: "Not found." },
      },
    },
  };
};
const widget = (d: Spec) => d.paths[WIDGETS].post;
const body = (d: Spec) => widget(d).requestBody.content["application/json"].schema.properties;
const read = (d: Spec) => widget(d).responses["200"].content["application/json"].schema.properties;

interface Case {
  name: string;
  /** Applied to the old side (defaults to nothing) and then the new side. */
  old?: Edit;
  new: Edit;
  expected: [severity: "breaking" | "non-breaking", code: string, pointer: string][];
}

const cases: Case[] = [
  { name: "identical specs", new: () => {}, expected: [] },
  {
    name: "a property description changes",
    new: (d) => {
      lro(d).properties.id.description = "Changed.";
    },
    expected: [["non-breaking", "documentation-changed", `${LRO}/properties/id/description`]],
  },
  {
    name: "a path is removed",
    new: (d) => {
      delete d.paths[USERS];
    },
    expected: [["breaking", "path-removed", USERS_GET]],
  },
  {
    name: "an operation is added",
    new: (d) => {
      d.paths[ME] = d.paths[USERS];
    },
    expected: [["non-breaking", "operation-added", getPointer(ME)]],
  },
  {
    name: "a path parameter is renamed",
    new: (d) => {
      d.paths[USERS.replace("{user-id}", "{id}")] = d.paths[USERS];
      delete d.paths[USERS];
      // Renamed on this path only: the component is shared with the password reset's POST.
      d.components.parameters.id = { ...d.components.parameters["user-id"], name: "id" };
      d.paths[USERS.replace("{user-id}", "{id}")].parameters[0] = { $ref: "#/components/parameters/id" };
    },
    expected: [["breaking", "path-param-renamed", USERS_GET.replace("{user-id}", "{id}")]],
  },
  {
    name: "a query parameter is removed",
    new: (d) => {
      d.paths[ALERTS].get.parameters.splice(1, 1);
    },
    expected: [["breaking", "parameter-removed", `${ALERTS_GET}/parameters/1`]],
  },
  {
    name: "an allowed value of a query parameter is removed",
    // A value of the fixture's own, so the message does not change with the spec's $select list.
    old: (d) => {
      d.components.schemas.selectList.items.enum.push("x-graph-lro-test-removed");
    },
    new: (d) => {
      d.components.schemas.selectList.items.enum.pop();
    },
    expected: [["breaking", "enum-value-removed", "/components/schemas/selectList/items/enum"]],
  },
  {
    name: "a required query parameter is added",
    new: (d) => {
      d.paths[ALERTS].get.parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } });
    },
    expected: [["breaking", "required-parameter-added", `${ALERTS_GET}/parameters/2`]],
  },
  {
    name: "an optional query parameter is added",
    new: (d) => {
      d.paths[ALERTS].get.parameters.push({ name: "tenant", in: "query", schema: { type: "string" } });
    },
    expected: [["non-breaking", "parameter-added", `${ALERTS_GET}/parameters/2`]],
  },
  {
    name: "a response property is removed",
    new: (d) => {
      delete lro(d).properties.statusDetail;
    },
    expected: [["breaking", "property-removed", `${LRO}/properties/statusDetail`]],
  },
  {
    name: "a response property changes type",
    new: (d) => {
      lro(d).properties.statusDetail.type = "integer";
    },
    expected: [["breaking", "type-changed", `${LRO}/properties/statusDetail/type`]],
  },
  {
    name: "a response property is narrowed (no longer nullable)",
    new: (d) => {
      lro(d).properties.resourceLocation.type = "string";
    },
    expected: [["breaking", "type-changed", `${LRO}/properties/resourceLocation/type`]],
  },
  {
    name: "OpenAPI 3.0 `nullable` rewritten as a 3.1 type list (no change for clients)",
    old: (d) => {
      lro(d).properties.statusDetail.type = "string";
      lro(d).properties.statusDetail.nullable = true;
    },
    new: () => {},
    expected: [],
  },
  {
    name: "an optional response property is added",
    new: (d) => {
      lro(d).properties[PROPERTY] = { type: "integer" };
    },
    expected: [["non-breaking", "property-added", `${LRO}/properties/${PROPERTY}`]],
  },
  {
    name: "a response enum value is removed",
    new: (d) => {
      statusEnum(d).enum.shift();
    },
    expected: [["breaking", "enum-value-removed", `${STATUS}/enum`]],
  },
  {
    name: "a value is added after the unknownFutureValue sentinel of a response enum",
    new: (d) => {
      statusEnum(d).enum.push(MEMBER);
    },
    expected: [["non-breaking", "enum-value-added", `${STATUS}/enum`]],
  },
  {
    name: "a value is inserted before the unknownFutureValue sentinel of a response enum",
    new: (d) => {
      const members: string[] = statusEnum(d).enum;
      members.splice(members.indexOf(SENTINEL), 0, MEMBER);
    },
    expected: [["breaking", "enum-value-added-before-sentinel", `${STATUS}/enum`]],
  },
  {
    name: "a value after the sentinel is moved before it",
    old: (d) => {
      statusEnum(d).enum.push(MEMBER);
    },
    new: (d) => {
      const members: string[] = statusEnum(d).enum.filter((m: string) => m !== MEMBER);
      members.splice(members.indexOf(SENTINEL), 0, MEMBER);
      statusEnum(d).enum = members;
    },
    expected: [["breaking", "enum-value-moved-before-sentinel", `${STATUS}/enum`]],
  },
  {
    name: "a value is added to a response enum without a sentinel",
    old: withoutSentinel,
    new: (d) => {
      withoutSentinel(d);
      statusEnum(d).enum.push(MEMBER);
    },
    expected: [["breaking", "enum-value-added-no-sentinel", `${STATUS}/enum`]],
  },
  {
    name: "a sentinel added together with a new value does not protect clients built without it",
    old: withoutSentinel,
    new: (d) => {
      withoutSentinel(d);
      statusEnum(d).enum.push(SENTINEL, MEMBER);
    },
    expected: [["breaking", "enum-value-added-no-sentinel", `${STATUS}/enum`]],
  },
  {
    name: "a request body gains a required property",
    old: (d) => widgetPost(d, ["name"]),
    new: (d) => widgetPost(d, ["name", "size"]),
    expected: [
      [
        "breaking",
        "property-became-required",
        "/paths/~1widgets/post/requestBody/content/application~1json/schema/required",
      ],
    ],
  },
  {
    name: "a request body property becomes optional",
    old: (d) => widgetPost(d, ["name"]),
    new: (d) => widgetPost(d, []),
    expected: [
      [
        "non-breaking",
        "property-became-optional",
        "/paths/~1widgets/post/requestBody/content/application~1json/schema/required",
      ],
    ],
  },
  {
    name: "the only success response is removed",
    new: (d) => {
      delete d.paths[ALERTS].get.responses["200"];
    },
    expected: [["breaking", "response-removed", `${ALERTS_GET}/responses/200`]],
  },
  {
    name: "an explicit 200 becomes the 2XX range",
    new: (d) => {
      d.paths[ALERTS].get.responses["2XX"] = d.paths[ALERTS].get.responses["200"];
      delete d.paths[ALERTS].get.responses["200"];
    },
    expected: [["non-breaking", "response-code-to-range", `${ALERTS_GET}/responses/200`]],
  },
  {
    name: "the operationId changes",
    new: (d) => {
      d.paths[USERS].get.operationId = "users.GetAuthenticationOperation";
    },
    expected: [["breaking", "operation-id-changed", `${USERS_GET}/operationId`]],
  },
  {
    name: "a server (national cloud) is removed",
    new: (d) => {
      d.servers.splice(3, 1);
    },
    expected: [["breaking", "server-removed", "/servers/3"]],
  },
  {
    name: "a request constraint is tightened",
    new: (d) => {
      d.components.parameters["user-id"].schema.maxLength = 64;
    },
    expected: [["breaking", "constraint-tightened", "/components/parameters/user-id/schema/maxLength"]],
  },
  {
    name: "a recursive schema gains an optional property (no endless recursion)",
    old: (d) => {
      lro(d).properties.children = { type: "array", items: { $ref: `#${LRO}` } };
    },
    new: (d) => {
      lro(d).properties.children = { type: "array", items: { $ref: `#${LRO}` } };
      lro(d).properties.progress = { type: "integer" };
    },
    expected: [["non-breaking", "property-added", `${LRO}/properties/progress`]],
  },
  {
    name: "a response header changes type",
    new: (d) => {
      d.components.headers["Retry-After"].schema.type = "string";
    },
    expected: [["breaking", "type-changed", "/components/headers/Retry-After/schema/type"]],
  },
  {
    name: "a required response header becomes optional",
    old: (d) => {
      d.components.headers["Retry-After"].required = true;
    },
    new: (d) => {
      delete d.components.headers["Retry-After"].required;
    },
    expected: [["breaking", "header-became-optional", "/components/headers/Retry-After/required"]],
  },
  {
    name: "a response array loses its items (elements become unknown)",
    new: (d) => {
      delete d.components.schemas["microsoft.graph.ODataErrors.MainError"].properties.details.items;
    },
    expected: [["breaking", "type-changed", `${MAIN_ERROR}/properties/details/items`]],
  },
  {
    name: "a response property loses its type",
    new: (d) => {
      delete lro(d).properties.id.type;
    },
    expected: [["breaking", "type-changed", `${LRO}/properties/id/type`]],
  },
  {
    name: "a request parameter loses its type (any value accepted)",
    new: (d) => {
      delete d.components.parameters["user-id"].schema.type;
    },
    expected: [["non-breaking", "type-widened", "/components/parameters/user-id/schema/type"]],
  },
  {
    name: "a server's cloud name (x-graph-cloud) is renamed",
    new: (d) => {
      d.servers[1]["x-graph-cloud"] = "gccHigh";
    },
    expected: [["breaking", "server-cloud-changed", "/servers/1/x-graph-cloud"]],
  },
  {
    name: "anyOf members are reordered (same union)",
    new: (d) => {
      lro(d).properties.status.anyOf.reverse();
    },
    expected: [],
  },
  {
    name: "a reordered anyOf still compares each member with its counterpart",
    new: (d) => {
      lro(d).properties.status.anyOf.reverse();
      lro(d).properties.status.anyOf[0].description = "No status yet.";
    },
    expected: [["non-breaking", "documentation-added", `${LRO}/properties/status/anyOf/0/description`]],
  },
  {
    name: "a server is added",
    new: (d) => {
      d.servers.push({ url: `https://${TEST_PREFIX}cloud.invalid/beta`, "x-graph-cloud": `${TEST_PREFIX}cloud` });
    },
    expected: [["non-breaking", "server-added", "/servers/4"]],
  },
  {
    name: "a server gains an x-graph-cloud name",
    old: (d) => {
      delete d.servers[1]["x-graph-cloud"];
    },
    new: (d) => {
      d.servers[1]["x-graph-cloud"] = `${TEST_PREFIX}cloud`;
    },
    expected: [["non-breaking", "server-cloud-changed", "/servers/1/x-graph-cloud"]],
  },
  {
    name: "a server loses its x-graph-cloud name, and one before it is removed (pointers of the new list)",
    new: (d) => {
      delete d.servers[2]["x-graph-cloud"];
      d.servers.splice(0, 1);
    },
    expected: [
      ["breaking", "server-removed", "/servers/0"],
      ["breaking", "server-cloud-changed", "/servers/1/x-graph-cloud"],
    ],
  },
  {
    name: "a server and a path are removed (ordered by pointer, not as found)",
    new: (d) => {
      d.servers.splice(3, 1);
      delete d.paths[USERS];
    },
    expected: [
      ["breaking", "path-removed", USERS_GET],
      ["breaking", "server-removed", "/servers/3"],
    ],
  },
  {
    name: "a value is removed from a response enum and another inserted before the sentinel (ordered by code)",
    new: (d) => {
      const members: string[] = statusEnum(d).enum.slice(1);
      members.splice(members.indexOf(SENTINEL), 0, MEMBER);
      statusEnum(d).enum = members;
    },
    expected: [
      ["breaking", "enum-value-added-before-sentinel", `${STATUS}/enum`],
      ["breaking", "enum-value-removed", `${STATUS}/enum`],
    ],
  },
  {
    name: "the document's security changes",
    new: (d) => {
      d.security = [{ microsoftIdentityPlatform: [`${TEST_PREFIX}scope`] }];
    },
    expected: [["breaking", "security-changed", "/security"]],
  },
  {
    name: "an operation's security changes",
    new: (d) => {
      d.paths[USERS].get.security.pop();
    },
    expected: [["breaking", "security-changed", `${USERS_GET}/security`]],
  },
  {
    name: "the spec's version, a path's description and an operation's extension change",
    new: (d) => {
      d.info.version = "2.0.0";
      d.paths[USERS].description = "Changed.";
      d.paths[USERS].get["x-graph-lro-kind"] = `${TEST_PREFIX}kind`;
      delete d.paths[USERS].get.summary;
      d.paths[USERS].get[`${TEST_PREFIX}note`] = "added";
    },
    expected: [
      ["non-breaking", "documentation-changed", "/info/version"],
      ["non-breaking", "documentation-changed", `${getPointer(USERS).slice(0, -4)}/description`],
      ["non-breaking", "documentation-removed", `${USERS_GET}/summary`],
      ["non-breaking", "extension-changed", `${USERS_GET}/x-graph-lro-kind`],
      ["non-breaking", "extension-added", `${USERS_GET}/${TEST_PREFIX}note`],
    ],
  },
  {
    name: "an extension is removed from a shared parameter",
    new: (d) => {
      delete d.components.parameters["user-id"]["x-ms-docs-key-type"];
    },
    expected: [["non-breaking", "extension-removed", "/components/parameters/user-id/x-ms-docs-key-type"]],
  },
  {
    name: "one operation of a path is removed, the path stays",
    old: (d) => {
      withWidgets(d);
      d.paths[WIDGETS].get = { operationId: `${TEST_PREFIX}widgets.Get`, responses: { "200": { description: "OK" } } };
    },
    new: (d) => {
      delete d.paths[WIDGETS].get;
    },
    expected: [["breaking", "operation-removed", W.replace(/post$/, "get")]],
  },
  {
    name: "the second of two path parameters is renamed",
    new: (d) => {
      const renamed = USERS.replace("{longRunningOperation-id}", "{operation-id}");
      d.paths[renamed] = d.paths[USERS];
      delete d.paths[USERS];
      const parameter = d.components.parameters["longRunningOperation-id"];
      d.paths[renamed].parameters[1] = { ...parameter, name: "operation-id" };
    },
    expected: [
      ["breaking", "path-param-renamed", getPointer(USERS.replace("{longRunningOperation-id}", "{operation-id}"))],
    ],
  },
  {
    name: "a query parameter becomes required",
    old: withWidgets,
    new: (d) => {
      widget(d).parameters[1].required = true;
    },
    expected: [["breaking", "parameter-became-required", `${W}/parameters/1/required`]],
  },
  {
    name: "a query parameter becomes optional",
    old: (d) => {
      withWidgets(d);
      widget(d).parameters[1].required = true;
    },
    new: (d) => {
      widget(d).parameters[1].required = false;
    },
    expected: [["non-breaking", "parameter-became-optional", `${W}/parameters/1/required`]],
  },
  {
    name: "a query parameter's style and a shared one's explode change",
    old: withWidgets,
    new: (d) => {
      widget(d).parameters[1].style = "form";
      d.components.parameters.select.explode = true;
    },
    expected: [
      ["breaking", "parameter-serialization-changed", "/components/parameters/select/explode"],
      ["breaking", "parameter-serialization-changed", `${W}/parameters/1/style`],
    ],
  },
  {
    name: "a value is added to a request enum",
    old: withWidgets,
    new: (d) => {
      widget(d).parameters[1].schema.enum.push(MEMBER);
    },
    expected: [["non-breaking", "enum-value-added", `${W}/parameters/1/schema/enum`]],
  },
  {
    name: "a request parameter gains an enum, and a response property loses one",
    old: withWidgets,
    new: (d) => {
      widget(d).parameters[0].schema.enum = ["a"];
      delete read(d).status.enum;
    },
    expected: [
      ["breaking", "enum-added", `${W}/parameters/0/schema/enum`],
      ["breaking", "enum-removed", `${W_READ}/properties/status/enum`],
    ],
  },
  {
    name: "a request parameter loses its enum, and a response property gains one",
    old: withWidgets,
    new: (d) => {
      delete widget(d).parameters[1].schema.enum;
      read(d).name.enum = ["a"];
    },
    expected: [
      ["non-breaking", "enum-removed", `${W}/parameters/1/schema/enum`],
      ["non-breaking", "enum-added", `${W_READ}/properties/name/enum`],
    ],
  },
  {
    name: "a required request body is added",
    old: (d) => {
      withWidgets(d);
      delete widget(d).requestBody;
    },
    new: (d) => {
      widget(d).requestBody = { required: true, content: { "application/json": { schema: { type: "object" } } } };
    },
    expected: [["breaking", "request-body-added-required", `${W}/requestBody`]],
  },
  {
    name: "an optional request body is added",
    old: (d) => {
      withWidgets(d);
      delete widget(d).requestBody;
    },
    new: (d) => {
      widget(d).requestBody = { content: { "application/json": { schema: { type: "object" } } } };
    },
    expected: [["non-breaking", "request-body-added", `${W}/requestBody`]],
  },
  {
    name: "a request body is removed",
    old: withWidgets,
    new: (d) => {
      delete widget(d).requestBody;
    },
    expected: [["breaking", "request-body-removed", `${W}/requestBody`]],
  },
  {
    name: "a request body (shared by $ref) becomes required and changes its description",
    old: (d) => {
      withWidgets(d);
      d.components.requestBodies = { [`${TEST_PREFIX}widget`]: widget(d).requestBody };
      widget(d).requestBody = { $ref: `#/components/requestBodies/${TEST_PREFIX}widget` };
    },
    new: (d) => {
      d.components.requestBodies[`${TEST_PREFIX}widget`].required = true;
      d.components.requestBodies[`${TEST_PREFIX}widget`].description = "The widget.";
    },
    expected: [
      ["breaking", "request-body-became-required", `/components/requestBodies/${TEST_PREFIX}widget/required`],
      ["non-breaking", "documentation-added", `/components/requestBodies/${TEST_PREFIX}widget/description`],
    ],
  },
  {
    name: "a request media type is removed and another added",
    old: withWidgets,
    new: (d) => {
      const { content } = widget(d).requestBody;
      content["application/merge-patch+json"] = content["application/json"];
      delete content["application/json"];
    },
    expected: [
      ["breaking", "media-type-removed", `${W}/requestBody/content/application~1json`],
      ["non-breaking", "media-type-added", `${W}/requestBody/content/application~1merge-patch+json`],
    ],
  },
  {
    name: "a response media type is added, and a response example changes",
    old: withWidgets,
    new: (d) => {
      const { content } = widget(d).responses["200"];
      content["application/xml"] = { schema: { type: "string" } };
      content["application/json"].example = { name: "a" };
      content["application/json"].examples = { a: { value: { name: "a" } } };
    },
    expected: [
      ["non-breaking", "documentation-added", `${W_200}/content/application~1json/example`],
      ["non-breaking", "documentation-added", `${W_200}/content/application~1json/examples`],
      ["non-breaking", "media-type-added", `${W_200}/content/application~1xml`],
    ],
  },
  {
    name: "a response is added, and an error response removed",
    old: withWidgets,
    new: (d) => {
      widget(d).responses["202"] = { description: "Accepted." };
      delete widget(d).responses["404"];
    },
    expected: [
      ["non-breaking", "response-added", `${W}/responses/202`],
      ["non-breaking", "response-removed", `${W}/responses/404`],
    ],
  },
  {
    name: "a response header is added, and one removed",
    old: withWidgets,
    new: (d) => {
      const { headers } = widget(d).responses["200"];
      headers[`${TEST_PREFIX}tag`] = headers[HEADER];
      delete headers[HEADER];
    },
    expected: [
      ["breaking", "response-header-removed", `${W_200}/headers/${HEADER}`],
      ["non-breaking", "response-header-added", `${W_200}/headers/${TEST_PREFIX}tag`],
    ],
  },
  {
    name: "a response header becomes required and gains a content map",
    old: withWidgets,
    new: (d) => {
      const header = widget(d).responses["200"].headers[HEADER];
      header.required = true;
      header.content = { "text/plain": { schema: { type: "string" } } };
    },
    expected: [
      ["non-breaking", "media-type-added", `${W_200}/headers/${HEADER}/content/text~1plain`],
      ["non-breaking", "header-became-required", `${W_200}/headers/${HEADER}/required`],
    ],
  },
  {
    name: "a request array gains items (narrowed), and a response array gains items (changed)",
    old: (d) => {
      withWidgets(d);
      delete body(d).tags.items;
    },
    new: (d) => {
      body(d).tags.items = { type: "string" };
      read(d).list.items = { type: "string" };
    },
    expected: [
      ["breaking", "type-narrowed", `${W_BODY}/properties/tags/items`],
      ["breaking", "type-changed", `${W_READ}/properties/list/items`],
    ],
  },
  {
    name: "a request array loses its items (widened)",
    old: withWidgets,
    new: (d) => {
      delete body(d).tags.items;
    },
    expected: [["non-breaking", "type-widened", `${W_BODY}/properties/tags/items`]],
  },
  {
    name: "a request property's type is widened, another's narrowed",
    old: withWidgets,
    new: (d) => {
      body(d).size.type = ["integer", "null"];
      body(d).tags.items.type = "integer";
    },
    expected: [
      ["breaking", "type-narrowed", `${W_BODY}/properties/tags/items/type`],
      ["non-breaking", "type-widened", `${W_BODY}/properties/size/type`],
    ],
  },
  {
    name: "a request property gains a type (narrowed)",
    old: (d) => {
      withWidgets(d);
      delete body(d).size.type;
    },
    new: (d) => {
      body(d).size.type = "integer";
    },
    expected: [["breaking", "type-narrowed", `${W_BODY}/properties/size/type`]],
  },
  {
    name: "request constraints: a minimum raised, a maximum lowered and a pattern added tighten",
    old: withWidgets,
    new: (d) => {
      body(d).size.minimum = 1;
      body(d).size.maximum = 9;
      body(d).tags.items.pattern = "^[a-z]+$";
    },
    expected: [
      ["breaking", "constraint-tightened", `${W_BODY}/properties/size/maximum`],
      ["breaking", "constraint-tightened", `${W_BODY}/properties/size/minimum`],
      ["breaking", "constraint-tightened", `${W_BODY}/properties/tags/items/pattern`],
    ],
  },
  {
    name: "request constraints: a minimum lowered, a maximum raised and one removed loosen",
    old: (d) => {
      withWidgets(d);
      body(d).size.minLength = 1;
    },
    new: (d) => {
      body(d).size.minimum = -1;
      body(d).size.maximum = 11;
      delete body(d).size.minLength;
    },
    expected: [
      ["non-breaking", "constraint-changed", `${W_BODY}/properties/size/maximum`],
      ["non-breaking", "constraint-changed", `${W_BODY}/properties/size/minimum`],
      ["non-breaking", "constraint-changed", `${W_BODY}/properties/size/minLength`],
    ],
  },
  {
    name: "a response constraint is tightened (a client reads any value it read before)",
    old: withWidgets,
    new: (d) => {
      read(d).size.maximum = 5;
    },
    expected: [["non-breaking", "constraint-changed", `${W_READ}/properties/size/maximum`]],
  },
  {
    name: "a request's additionalProperties schema is compared as a schema",
    old: withWidgets,
    new: (d) => {
      body(d).extra.additionalProperties = { type: "integer" };
    },
    expected: [["breaking", "type-narrowed", `${W_BODY}/properties/extra/additionalProperties/type`]],
  },
  {
    name: "a response property becomes required, another optional",
    old: (d) => {
      withWidgets(d);
      widget(d).responses["200"].content["application/json"].schema.required = ["name"];
    },
    new: (d) => {
      widget(d).responses["200"].content["application/json"].schema.required = ["size"];
    },
    expected: [
      ["breaking", "property-became-optional", `${W_READ}/required`],
      ["non-breaking", "property-became-required", `${W_READ}/required`],
    ],
  },
  {
    name: "a request property is removed, and a response property added as required",
    old: withWidgets,
    new: (d) => {
      delete body(d).size;
      read(d)[PROPERTY] = { type: "string" };
      widget(d).responses["200"].content["application/json"].schema.required = [PROPERTY];
    },
    expected: [
      ["breaking", "property-removed", `${W_BODY}/properties/size`],
      ["non-breaking", "property-added", `${W_READ}/properties/${PROPERTY}`],
    ],
  },
  {
    name: "an anyOf member is added",
    old: withWidgets,
    new: (d) => {
      read(d).kind.anyOf.push({ type: "boolean" });
    },
    expected: [["breaking", "composition-changed", `${W_READ}/properties/kind/anyOf`]],
  },
  {
    name: "anyOf members pair by type after a reorder",
    old: withWidgets,
    new: (d) => {
      read(d).kind.anyOf.reverse();
      read(d).kind.anyOf[1].maxLength = 3;
    },
    expected: [["non-breaking", "constraint-changed", `${W_READ}/properties/kind/anyOf/1/maxLength`]],
  },
  {
    name: "anyOf members without a type or $ref pair by position",
    old: (d) => {
      withWidgets(d);
      read(d).kind.anyOf = [{ type: "string" }, { description: "a" }, { description: "b" }];
    },
    new: (d) => {
      read(d).kind.anyOf = [{ description: "c" }, { type: "string" }, { description: "b" }];
    },
    expected: [["non-breaking", "documentation-changed", `${W_READ}/properties/kind/anyOf/0/description`]],
  },
  {
    name: "every documentation keyword of a response property is added",
    old: withWidgets,
    new: (d) => {
      Object.assign(read(d).name, {
        summary: "s",
        description: "d",
        title: "t",
        example: "e",
        examples: ["e"],
        externalDocs: { url: "https://x-graph-lro-test.invalid" },
        deprecated: true,
      });
    },
    expected: ["deprecated", "description", "example", "examples", "externalDocs", "summary", "title"].map(
      (key): Case["expected"][number] => ["non-breaking", "documentation-added", `${W_READ}/properties/name/${key}`],
    ),
  },
  {
    name: "every constraint of a request tightens",
    old: (d) => {
      withWidgets(d);
      Object.assign(body(d).tags, { minItems: 1, maxItems: 9, uniqueItems: false });
      Object.assign(body(d).tags.items, { minLength: 1, maxLength: 9, format: "email", pattern: "^[a-z]+$" });
      Object.assign(body(d).size, { exclusiveMinimum: 0, exclusiveMaximum: 9, multipleOf: 1, const: 3 });
      Object.assign(body(d).extra, { minProperties: 1, maxProperties: 9 });
    },
    new: (d) => {
      Object.assign(body(d).tags, { minItems: 2, maxItems: 8, uniqueItems: true });
      Object.assign(body(d).tags.items, { minLength: 2, maxLength: 8, format: "uuid", pattern: "^[a-y]+$" });
      Object.assign(body(d).size, { exclusiveMinimum: 1, exclusiveMaximum: 8, multipleOf: 2, const: 4 });
      Object.assign(body(d).extra, { minProperties: 2, maxProperties: 8, additionalProperties: false });
    },
    expected: [
      "extra/additionalProperties",
      "extra/maxProperties",
      "extra/minProperties",
      "size/const",
      "size/exclusiveMaximum",
      "size/exclusiveMinimum",
      "size/multipleOf",
      "tags/items/format",
      "tags/items/maxLength",
      "tags/items/minLength",
      "tags/items/pattern",
      "tags/maxItems",
      "tags/minItems",
      "tags/uniqueItems",
    ].map((at): Case["expected"][number] => ["breaking", "constraint-tightened", `${W_BODY}/properties/${at}`]),
  },
  {
    name: "every bound of a request loosens",
    old: (d) => {
      withWidgets(d);
      Object.assign(body(d).tags, { minItems: 2, maxItems: 8 });
      Object.assign(body(d).tags.items, { minLength: 2, maxLength: 8, pattern: "^[a-z]+$" });
      Object.assign(body(d).size, { exclusiveMinimum: 1, exclusiveMaximum: 8 });
      Object.assign(body(d).extra, { minProperties: 2, maxProperties: 8 });
    },
    new: (d) => {
      Object.assign(body(d).tags, { minItems: 1, maxItems: 9 });
      Object.assign(body(d).tags.items, { minLength: 1, maxLength: 9 });
      delete body(d).tags.items.pattern;
      Object.assign(body(d).size, { exclusiveMinimum: 0, exclusiveMaximum: 9 });
      Object.assign(body(d).extra, { minProperties: 1, maxProperties: 9 });
    },
    expected: [
      "extra/maxProperties",
      "extra/minProperties",
      "size/exclusiveMaximum",
      "size/exclusiveMinimum",
      "tags/items/maxLength",
      "tags/items/minLength",
      "tags/items/pattern",
      "tags/maxItems",
      "tags/minItems",
    ].map((at): Case["expected"][number] => ["non-breaking", "constraint-changed", `${W_BODY}/properties/${at}`]),
  },
  {
    name: "an operation without responses gains them",
    old: (d) => {
      withWidgets(d);
      delete widget(d).responses;
    },
    new: (d) => {
      widget(d).responses = { "204": { description: "Updated." } };
    },
    expected: [["non-breaking", "response-added", `${W}/responses/204`]],
  },
  {
    name: "a media type written empty (null in YAML) gains a schema",
    old: (d) => {
      withWidgets(d);
      widget(d).responses["200"].content["application/json"] = null;
    },
    new: (d) => {
      widget(d).responses["200"].content["application/json"] = { schema: { type: "object" } };
    },
    expected: [["breaking", "type-changed", `${W_READ}/type`]],
  },
  {
    name: "bounds rewritten as text (YAML quotes) tighten nothing",
    old: withWidgets,
    new: (d) => {
      Object.assign(body(d).size, { minimum: "0", maximum: "10" });
    },
    expected: [
      ["non-breaking", "constraint-changed", `${W_BODY}/properties/size/maximum`],
      ["non-breaking", "constraint-changed", `${W_BODY}/properties/size/minimum`],
    ],
  },
  {
    name: "the document's tags, externalDocs and OpenAPI version change",
    new: (d) => {
      d.tags.pop();
      d.externalDocs.description = "Changed.";
      d.openapi = "3.1.1";
    },
    expected: [
      ["non-breaking", "documentation-changed", "/externalDocs"],
      ["non-breaking", "documentation-changed", "/openapi"],
      ["non-breaking", "documentation-changed", "/tags"],
    ],
  },
  {
    name: "every key of info changes",
    new: (d) => {
      Object.assign(d.info, {
        title: "t",
        summary: "s",
        description: "d",
        version: "v",
        contact: { name: "c" },
        license: { name: "l" },
        termsOfService: `https://${TEST_PREFIX}terms.invalid`,
      });
    },
    expected: ["contact", "description", "license", "summary", "termsOfService", "title", "version"].map(
      (key): Case["expected"][number] => [
        "non-breaking",
        key === "termsOfService" ? "documentation-added" : "documentation-changed",
        `/info/${key}`,
      ],
    ),
  },
  {
    name: "every documentation key of an operation and of its path changes",
    old: withWidgets,
    new: (d) => {
      Object.assign(widget(d), {
        summary: "s",
        description: "d",
        externalDocs: { url: `https://${TEST_PREFIX}docs.invalid` },
        tags: ["t"],
        deprecated: true,
      });
      Object.assign(d.paths[WIDGETS], { summary: "s", description: "d" });
    },
    expected: [
      ...["description", "summary"].map((key) => `${W.slice(0, -5)}/${key}`),
      ...["deprecated", "description", "externalDocs", "summary", "tags"].map((key) => `${W}/${key}`),
    ]
      .sort((a, b) => a.localeCompare(b))
      .map((at): Case["expected"][number] => ["non-breaking", "documentation-added", at]),
  },
  {
    name: "both path parameters are renamed",
    new: (d) => {
      const renamed = `/users/{${TEST_PREFIX}user}/authentication/operations/{${TEST_PREFIX}operation}`;
      d.paths[renamed] = d.paths[USERS];
      delete d.paths[USERS];
      const [user, operation] = ["user-id", "longRunningOperation-id"].map((name) => d.components.parameters[name]);
      d.paths[renamed].parameters = [
        { ...user, name: `${TEST_PREFIX}user` },
        { ...operation, name: `${TEST_PREFIX}operation` },
      ];
    },
    expected: [
      [
        "breaking",
        "path-param-renamed",
        getPointer(`/users/{${TEST_PREFIX}user}/authentication/operations/{${TEST_PREFIX}operation}`),
      ],
    ],
  },
  {
    name: "a response header loses its content map",
    old: (d) => {
      withWidgets(d);
      widget(d).responses["200"].headers[HEADER].content = { "text/plain": { schema: { type: "string" } } };
    },
    new: (d) => {
      delete widget(d).responses["200"].headers[HEADER].content;
    },
    expected: [["breaking", "media-type-removed", `${W_200}/headers/${HEADER}/content/text~1plain`]],
  },
  {
    name: "an allOf and a oneOf member are added",
    old: (d) => {
      withWidgets(d);
      read(d).mixed = { allOf: [{ type: "object" }], oneOf: [{ type: "string" }] };
    },
    new: (d) => {
      read(d).mixed.allOf.push({ required: ["a"] });
      read(d).mixed.oneOf.push({ type: "integer" });
    },
    expected: [
      ["breaking", "composition-changed", `${W_READ}/properties/mixed/allOf`],
      ["breaking", "composition-changed", `${W_READ}/properties/mixed/oneOf`],
    ],
  },
  {
    name: "a request property loses null from its types (narrowed)",
    old: (d) => {
      withWidgets(d);
      body(d).size.type = ["integer", "null"];
    },
    new: (d) => {
      body(d).size.type = "integer";
    },
    expected: [["breaking", "type-narrowed", `${W_BODY}/properties/size/type`]],
  },
  {
    name: "a type list reordered is the same type",
    new: (d) => {
      lro(d).properties.statusDetail.type.reverse();
    },
    expected: [],
  },
  {
    name: "a value is removed from a response enum without a sentinel",
    old: withoutSentinel,
    new: (d) => {
      withoutSentinel(d);
      statusEnum(d).enum.shift();
    },
    expected: [["breaking", "enum-value-removed", `${STATUS}/enum`]],
  },
  {
    name: "a value after the sentinel is removed (not moved)",
    old: (d) => {
      statusEnum(d).enum.push(MEMBER);
    },
    new: (d) => {
      statusEnum(d).enum.pop();
    },
    expected: [["breaking", "enum-value-removed", `${STATUS}/enum`]],
  },
  {
    name: "two values are added after the sentinel",
    new: (d) => {
      statusEnum(d).enum.push(MEMBER, `${TEST_PREFIX}paused`);
    },
    expected: [["non-breaking", "enum-value-added", `${STATUS}/enum`]],
  },
  {
    name: "two $ref members of an anyOf reordered pair by $ref",
    old: (d) => {
      withWidgets(d);
      read(d).pair = { anyOf: [{ $ref: `#${STATUS}` }, { $ref: `#${MAIN_ERROR}` }] };
    },
    new: (d) => {
      read(d).pair.anyOf.reverse();
    },
    expected: [],
  },
  {
    name: "an anyOf member written empty (null in YAML) pairs by position",
    old: (d) => {
      withWidgets(d);
      read(d).kind.anyOf.push(null);
    },
    new: () => {},
    expected: [],
  },
  {
    name: "a typed member without a counterpart of its type pairs by position, not with an untyped one",
    old: (d) => {
      withWidgets(d);
      read(d).kind.anyOf = [{ type: "string" }, { description: "a" }];
    },
    new: (d) => {
      read(d).kind.anyOf = [{ description: "c" }, { type: "integer" }];
    },
    expected: [
      ["breaking", "type-changed", `${W_READ}/properties/kind/anyOf/0/type`],
      ["breaking", "type-changed", `${W_READ}/properties/kind/anyOf/1/type`],
      ["non-breaking", "documentation-added", `${W_READ}/properties/kind/anyOf/0/description`],
      ["non-breaking", "documentation-removed", `${W_READ}/properties/kind/anyOf/1/description`],
    ],
  },
  {
    name: "a path that drops its parameter is another operation, not a rename",
    old: (d) => {
      d.paths[`/${TEST_PREFIX}w/{id}`] = { get: { responses: { "200": { description: "OK" } } } };
    },
    new: (d) => {
      d.paths[`/${TEST_PREFIX}w/`] = d.paths[`/${TEST_PREFIX}w/{id}`];
      delete d.paths[`/${TEST_PREFIX}w/{id}`];
    },
    expected: [
      ["breaking", "path-removed", getPointer(`/${TEST_PREFIX}w/{id}`)],
      ["non-breaking", "operation-added", getPointer(`/${TEST_PREFIX}w/`)],
    ],
  },
];

describe("diffSpecs", () => {
  it.for(cases)("$name", ({ old, new: edit, expected }) => {
    const before = structuredClone(BASE);
    old?.(before);
    const after = structuredClone(before);
    edit(after);
    const found = diffSpecs(before, after).map((c) => [c.severity, c.code, c.pointer]);
    expect(found).toEqual(expected);
  });

  it("lists every operation that reaches a changed shared schema, once", () => {
    const after = structuredClone(BASE);
    delete lro(after).properties.statusDetail;
    const [change] = diffSpecs(BASE, after);
    // Every operation of the spec returns the longRunningOperation schema.
    const all = Object.values(routes).map((route) => `GET ${route.path}`);
    expect(change?.operations.sort()).toEqual(all.sort());
  });

  it("lists the operation that reaches a change, and none for a change of the document", () => {
    const after: Spec = structuredClone(BASE);
    after.paths[USERS].get.operationId = `${TEST_PREFIX}users.Get`;
    after.info.version = `${TEST_PREFIX}version`;
    expect(diffSpecs(BASE, after).map((c) => [c.code, c.operations])).toEqual([
      ["operation-id-changed", [`GET ${USERS}`]],
      ["documentation-changed", []],
    ]);
  });

  it("compares a document without info, servers or paths with one that has them, both ways", () => {
    const bare = { openapi: "3.1.0" };
    const full = {
      openapi: "3.1.0",
      info: { title: "t" },
      servers: [{ url: `https://${TEST_PREFIX}cloud.invalid` }],
      paths: { [WIDGETS]: { get: { responses: {} } } },
    };
    const changes = (a: Node, b: Node) => diffSpecs(a, b).map((c) => [c.severity, c.code, c.pointer]);
    expect(changes(bare, full)).toEqual([
      ["non-breaking", "documentation-added", "/info/title"],
      ["non-breaking", "operation-added", W.replace(/post$/, "get")],
      ["non-breaking", "server-added", "/servers/0"],
    ]);
    expect(changes(full, bare)).toEqual([
      ["breaking", "path-removed", W.replace(/post$/, "get")],
      ["breaking", "server-removed", "/servers/0"],
      ["non-breaking", "documentation-removed", "/info/title"],
    ]);
  });

  it("passes over a server written empty (null in YAML)", () => {
    const after: Spec = structuredClone(BASE);
    after.servers.push(null);
    expect(diffSpecs(BASE, after)).toEqual([]);
  });

  // A $ref of the old spec that resolves nowhere is named by where it is, in each place a schema can be.
  const MISSING = { $ref: `#/components/schemas/${TEST_PREFIX}missing` };
  it.for([
    ["a parameter's schema", (d: Spec) => (widget(d).parameters[1].schema = MISSING), `${W}/parameters/1/schema`],
    [
      "a response header's schema",
      (d: Spec) => (widget(d).responses["200"].headers[HEADER].schema = MISSING),
      `${W_200}/headers/${HEADER}/schema`,
    ],
    ["an array's items", (d: Spec) => (body(d).tags.items = MISSING), `${W_BODY}/properties/tags/items`],
    [
      "additionalProperties",
      (d: Spec) => (body(d).extra.additionalProperties = MISSING),
      `${W_BODY}/properties/extra/additionalProperties`,
    ],
    ["an anyOf member", (d: Spec) => (read(d).kind.anyOf[1] = MISSING), `${W_READ}/properties/kind/anyOf/1`],
  ] as const)("names a dangling $ref of the old spec in %s", ([, dangle, at]) => {
    const before: Spec = structuredClone(BASE);
    withWidgets(before);
    const after = structuredClone(before);
    dangle(before);
    expect(() => diffSpecs(before, after)).toThrow(`${at}: $ref ${MISSING.$ref} does not resolve`);
  });

  it("sorts breaking changes first", () => {
    const after = structuredClone(BASE);
    lro(after).properties.id.description = "Changed.";
    delete lro(after).properties.statusDetail;
    expect(diffSpecs(BASE, after).map((c) => c.severity)).toEqual(["breaking", "non-breaking"]);
  });
});

describe("diffSpecs on a property added to a request body", () => {
  const diffWidget = (required: string[]) => {
    const before: Spec = structuredClone(BASE);
    widgetPost(before, []);
    delete before.paths["/widgets"].post.requestBody.content["application/json"].schema.properties.size;
    const after = structuredClone(BASE);
    widgetPost(after, required);
    return diffSpecs(before, after).map((c) => [c.severity, c.code, c.message]);
  };

  it("reads the new side's required list: a required property added is breaking", () => {
    expect(diffWidget(["size"])).toEqual([
      ["breaking", "required-property-added", "required request property size added"],
    ]);
  });

  it("calls an added property that the new side does not require optional and non-breaking", () => {
    expect(diffWidget([])).toEqual([["non-breaking", "property-added", "optional request property size added"]]);
  });
});

describe("diffSpecs' messages", () => {
  // What a reviewer reads, per case: a wrong name, verb or direction in a message is a wrong report.
  it("say each change of every case in words (test/spec-diff/__snapshots__)", () => {
    const messages = Object.fromEntries(
      cases.map(({ name, old, new: edit }) => {
        const before = structuredClone(BASE);
        old?.(before);
        const after = structuredClone(before);
        edit(after);
        return [name, diffSpecs(before, after).map((c) => `${c.severity} ${c.code}: ${c.message}`)];
      }),
    );
    expect(messages).toMatchSnapshot();
  });
});
