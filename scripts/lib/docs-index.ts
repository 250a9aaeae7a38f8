/** One API's reference page in the site that `npm run docs` builds. */
export interface ApiPage {
  /** The API's name in redocly.yaml. */
  name: string;
  /** The page and the bundled spec it offers for download, relative to the site's root. */
  html: string;
  yaml: string;
  /** From the spec's `info`. */
  title: string;
  version: string;
  summary?: string | undefined;
}

/** In every index this script writes: how `npm run docs` knows a folder is a site it built. */
export const SITE_MARK = "Built by <code>npm run docs</code>";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** The site's index.html: a link to each API's page and spec, with no script and nothing loaded from elsewhere. */
export function indexPage(siteTitle: string, pages: readonly ApiPage[]): string {
  const items = pages.map((page) =>
    [
      "    <li>",
      `      <a href="${escapeHtml(page.html)}">${escapeHtml(page.title)}</a> <small>${escapeHtml(page.version)}</small>`,
      ...(page.summary ? [`      <p>${escapeHtml(page.summary)}</p>`] : []),
      `      <p><a href="${escapeHtml(page.yaml)}" download>OpenAPI description (YAML)</a></p>`,
      "    </li>",
    ].join("\n"),
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(siteTitle)}</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
    ul { list-style: none; padding: 0; }
    li { border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
    li > a { font-size: 1.2rem; font-weight: 600; }
    p { margin: 0.5rem 0 0; }
    footer { color: #59636e; font-size: 0.875rem; }
  </style>
</head>
<body>
  <h1>${escapeHtml(siteTitle)}</h1>
  <ul>
${items.join("\n")}
  </ul>
  <footer>${SITE_MARK} from the APIs in redocly.yaml, with Redocly CLI (Redoc).</footer>
</body>
</html>
`;
}
