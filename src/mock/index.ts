// graph-lro/mock: a mock of Microsoft Graph derived from the spec, for contract tests and local runs.
export { ContractViolationError } from "../errors/contract-violation-error.ts";
export { StoriesFileError } from "../errors/stories-file-error.ts";
export { UnhandledRequestError } from "../errors/unhandled-request-error.ts";
export { formatCoverage, type MockCoverage, type ResponseCoverage } from "./coverage.ts";
export { corsByDefault, MAX_STORY_PROGRESS, MAX_VIOLATIONS, MOCK_HOST, MOCK_PORT } from "./defaults.ts";
export {
  defaultMockTarget,
  exampleIds,
  exampleOperations,
  exampleOperationUrl,
  exampleStartCurls,
} from "./examples.ts";
export { formatExchange } from "./format-exchange.ts";
export type { GraphLroHandlerOptions, GraphLroHandlers, MockCall } from "./handlers.ts";
export { ADMIN_PREFIX } from "./mock-admin.ts";
export { createMockFetch, type MockFetchOptions } from "./mock-fetch.ts";
export { type MockExchange, type MockServer, type MockServerOptions, startMockServer } from "./mock-server.ts";
export { createGraphLroHandlers } from "./msw-handler.ts";
export type { OpenApiDocument } from "./openapi-document.ts";
export type { SpecOperation } from "./spec-operations.ts";
export {
  type BuiltInStoryName,
  builtInStories,
  defineStory,
  type Story,
  type StoryBuilder,
  type StoryErrorStatus,
  type StoryStep,
} from "./stories.ts";
export { readStoriesFile, type StoriesFile, storiesFileSchema } from "./stories-file.ts";
