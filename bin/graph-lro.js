#!/usr/bin/env node
// Runs the TypeScript CLI through tsx until the package ships a build (see README).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
