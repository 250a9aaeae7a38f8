// Runs Vitest test files under `deno test`: deno.json maps the bare import "vitest" here.
// Vitest's runner needs Node's worker machinery, but its `expect` (chai with Jest's matchers)
// is plain ESM and works in Deno, so assertions stay Vitest's own; only the small part of the
// collection API that our shared suites use is re-implemented on Deno.test and t.step.
// Why not node:test or @std/testing: docs/decisions/0007-deno-runs-the-vitest-suites.md.
import type { SuiteAPI, TestAPI } from "npm:vitest@4.1.12";

export { expect, expectTypeOf, type TestContext, vi } from "npm:vitest@4.1.12";

type Awaitable<T> = T | Promise<T>;
type Hook = () => Awaitable<unknown>;

/** The part of Vitest's TestContext that the Deno-run suites use. */
interface ShimContext {
  /** Skips the rest of the test when `condition` holds (or is omitted). */
  skip(condition?: boolean, note?: string): void;
  /** Runs `fn` after the test, whether it passed or not. */
  onTestFinished(fn: Hook): void;
}
type TestFn = (context: ShimContext) => Awaitable<unknown>;

interface Suite {
  kind: "suite";
  name: string;
  children: Node[];
  beforeAll: Hook[];
  afterAll: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
  parent?: Suite;
}
interface Test {
  kind: "test";
  name: string;
  fn: TestFn;
  /** The suites it is in, outermost first: their beforeEach hooks run before it, their afterEach after. */
  suites: Suite[];
}
type Node = Suite | Test;

/** Thrown by `context.skip()`; the test ends there and counts as passed, as Deno has no runtime skip. */
class Skipped extends Error {}

const newSuite = (name: string, parent?: Suite): Suite => ({
  kind: "suite",
  name,
  children: [],
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
  parent,
});
const file: Suite = newSuite("");
let current = file;
// Deno runs the Deno.test calls of a file in order, after the whole module has been evaluated, so
// the file's beforeAll hooks run before the first and its afterAll hooks after the last.
let registered = 0;
let finished = 0;

function add(node: Node): void {
  current.children.push(node);
  if (current !== file) return;
  registered += 1;
  Deno.test(node.name, async (t) => {
    if (finished === 0) for (const hook of file.beforeAll) await hook();
    try {
      await run(node, t);
    } finally {
      finished += 1;
      if (finished === registered) for (const hook of file.afterAll) await hook();
    }
  });
}

async function run(node: Node, t: Deno.TestContext): Promise<void> {
  if (node.kind === "test") return runTest(node);
  try {
    for (const hook of node.beforeAll) await hook();
    // Like Vitest, a failing test does not stop its siblings.
    const failed: string[] = [];
    for (const child of node.children) {
      if (!(await t.step(child.name, (step) => run(child, step)))) failed.push(child.name);
    }
    if (failed.length) throw new Error(`failed: ${failed.join("; ")}`);
  } finally {
    for (const hook of node.afterAll) await hook();
  }
}

async function runTest(test: Test): Promise<void> {
  const finishers: Hook[] = [];
  const context: ShimContext = {
    skip(condition = true, note) {
      if (condition) throw new Skipped(note);
    },
    onTestFinished: (fn) => void finishers.push(fn),
  };
  try {
    for (const suite of test.suites) for (const hook of suite.beforeEach) await hook();
    try {
      await test.fn(context);
    } finally {
      for (const suite of [...test.suites].reverse()) for (const hook of suite.afterEach) await hook();
    }
  } catch (error) {
    if (!(error instanceof Skipped)) throw error;
    console.info(`skipped: ${test.name}${error.message ? ` (${error.message})` : ""}`);
  } finally {
    for (const fn of finishers.reverse()) await fn();
  }
}

/** Vitest's printf-style test names: %s %d %i %j %o %# %%. */
function title(template: string, args: readonly unknown[], index: number): string {
  let next = 0;
  return template.replace(/%[sdijo#%]/g, (token) => {
    if (token === "%%") return "%";
    if (token === "%#") return String(index);
    const value = args[next++];
    if (token === "%d" || token === "%i") return String(token === "%i" ? Math.trunc(Number(value)) : Number(value));
    if (token === "%j" || token === "%o") return JSON.stringify(value);
    return String(value);
  });
}

const spread = (row: unknown): readonly unknown[] => (Array.isArray(row) ? row : [row]);

type Callback = (...args: unknown[]) => Awaitable<unknown>;
const each =
  (register: (name: string, fn: () => unknown) => void) =>
  (rows: readonly unknown[]) =>
  (name: string, fn: Callback): void => {
    rows.forEach((row, i) => {
      register(title(name, spread(row), i), () => fn(...spread(row)));
    });
  };

function suite(name: string, fn: () => unknown): void {
  const node: Suite = newSuite(name, current);
  const parent = current;
  current = node;
  try {
    fn();
  } finally {
    current = parent;
  }
  add(node);
}
// Vitest's timeout argument is ignored: Deno has no per-test timeout, and the suites rely on none.
const test_ = (name: string, fn: TestFn): void => add({ kind: "test", name, fn, suites: suitesOf(current) });
const suitesOf = (suite: Suite | undefined): Suite[] => (suite ? [...suitesOf(suite.parent), suite] : []);

// Typed as Vitest's own API, so that `deno check` holds every test file to what tsc does. At run
// time, only what the Deno-run suites use exists: `.concurrent` runs in order, and the context has
// just skip and onTestFinished.
export const describe = Object.assign(suite, { each: each(suite), concurrent: suite }) as unknown as SuiteAPI;
export const it = Object.assign(test_, {
  each: each(test_),
  for:
    (rows: readonly unknown[]) =>
    (name: string, fn: (row: unknown, context: ShimContext) => Awaitable<unknown>): void => {
      rows.forEach((row, i) => {
        test_(title(name, spread(row), i), (context) => fn(row, context));
      });
    },
  concurrent: test_,
}) as unknown as TestAPI;
export const test = it;

export function beforeAll(fn: Hook, _timeout?: number): void {
  current.beforeAll.push(fn);
}

export function afterAll(fn: Hook, _timeout?: number): void {
  current.afterAll.push(fn);
}

export function beforeEach(fn: Hook, _timeout?: number): void {
  current.beforeEach.push(fn);
}

export function afterEach(fn: Hook, _timeout?: number): void {
  current.afterEach.push(fn);
}
