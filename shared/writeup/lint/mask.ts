/**
 * Hides what is not the writer's own prose before the lint reads it: code (fenced, indented,
 * inline), raw HTML, link targets, bare URLs and quoted spans. A command like `git blame` or a quoted
 * alert title is evidence, not the author's judgement. Masked characters become spaces (newlines
 * stay), so every offset into the masked text is an offset into the original; code and quotes leave
 * one `x` behind so the sentence keeps a noun where they stood ("the `deploy` failed" reads "the x
 * failed", whose subject is not a person).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import type { Nodes } from 'mdast';

const QUOTED = [
  /"[^"\n]{1,300}"/g,
  /\u201c[^\u201d\n]{1,300}\u201d/g,
  /\u2018[^\u2019\n]{1,300}\u2019(?![A-Za-z])/g,
  // A straight single quote opens only after a space or bracket, so apostrophes (Alice's) never do.
  /(?<=^|[\s([])'[^'\s][^'\n]{0,299}'(?=$|[\s).,;:!?\]])/gm,
];
const URL = /\b(?:https?|ftp|ssh):\/\/[^\s<>)\]]+/g;

export function maskNonProse(text: string): string {
  const out = text.split('');
  const mask = (start: number, end: number, noun: boolean) => {
    let placed = !noun;
    for (let i = Math.max(0, start); i < Math.min(end, out.length); i++) {
      if (out[i] === '\n' || out[i] === '\r') continue;
      out[i] = placed ? ' ' : 'x';
      placed = true;
    }
  };
  visit(fromMarkdown(text), (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') mask(start, end, true);
    else if (node.type === 'definition' || node.type === 'image' || node.type === 'imageReference') mask(start, end, false);
    else if (node.type === 'link') {
      const first = node.children[0]?.position?.start.offset;
      const last = node.children.at(-1)?.position?.end.offset;
      if (first === undefined || last === undefined) mask(start, end, false);
      else {
        mask(start, first, false);
        mask(last, end, false);
      }
    }
  });
  let masked = out.join('');
  for (const re of [URL, ...QUOTED]) {
    masked = masked.replace(re, (m) => (re === URL ? ' '.repeat(m.length) : `x${' '.repeat(m.length - 1)}`));
  }
  return masked;
}
