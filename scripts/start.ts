// npm start: the main job, offline. Lints the spec and regenerates; later steps use the result.
import { resolve } from "node:path";
import { generate } from "./generate.ts";
import { GenerateError } from "./lib/build-artifacts.ts";

const projectDir = resolve(".");
try {
  const { written } = await generate(projectDir);
  console.log(`spec linted; generated/ ${written.length ? `updated (${written.join(", ")})` : "up to date"}`);
} catch (error) {
  console.error(error instanceof GenerateError ? error.message : error);
  process.exit(1);
}
console.log("The client and mock are not built yet, so npm start stops after generation.");
