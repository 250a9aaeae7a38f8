/** A stories file that breaks its schema: each problem names the entry (story key and step) at fault. */
export class StoriesFileError extends Error {
  override name = "StoriesFileError";
  declare readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`the stories file is not valid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.problems = problems;
  }
}
