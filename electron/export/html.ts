/**
 * The write-up as one self-contained HTML page, made from the Markdown write-up so the two never
 * disagree, by the renderer the window's live preview uses too (shared/writeup/render.ts: raw HTML
 * is not rendered, unsafe links are refused); the page's CSP forbids scripts and remote loads on top.
 */
import { markdownToHtml } from '../../shared/writeup/render';

/** YAML front matter is for tools; the page shows the same facts in its header table. */
function withoutFrontMatter(markdown: string): string {
  return markdown.replace(/^---\n[^]*?\n---\n/, '');
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/**
 * Long words and command lines wrap everywhere: a PDF page cannot scroll, so a line wider than the
 * page would lose the characters past its edge.
 */
const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1b1f24; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; overflow-wrap: anywhere; }
  h1 { font-size: 1.6rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
  h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; }
  table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: 13px; }
  th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; min-width: 5em; }
  th { background: #f3f5f7; }
  code { font: 12.5px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f3f5f7; padding: .05rem .25rem; border-radius: 3px; overflow-wrap: anywhere; word-break: break-all; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  pre code { word-break: normal; }
  blockquote { margin: .75rem 0; padding: .4rem .8rem; border-left: 4px solid #cf222e; background: #fff5f5; }
  em { color: #57606a; }
  a { color: #0969da; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderHtml(markdown: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${markdownToHtml(withoutFrontMatter(markdown))}
</body>
</html>
`;
}
