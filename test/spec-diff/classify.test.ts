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
