import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Only test/: generated/graph-lro.spec.ts is data, not a test file.
    include: ["test/**/*.test.ts"],
  },
});
