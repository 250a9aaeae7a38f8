import { asInJson, redact, redactCredentials, tokenSecret } from "../text/redact.ts";

/** A stream the command writes text to. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * The one place wait's and get's output passes: every text written, on either stream, has the token
 * replaced once it is known. A server can echo it into any value or property name of an answer.
 */
export function redactingStream(stream: TextStream, token: () => string | undefined): TextStream {
  const write = (text: string) => {
    const secret = tokenSecret(token());
    // Output is often JSON, where a token's `"` and `\` appear escaped.
    const secrets = secret === undefined ? [] : [secret, asInJson(secret)];
    return stream.write(redactCredentials(redact(text, secrets)));
  };
  return { isTTY: stream.isTTY, write };
}
