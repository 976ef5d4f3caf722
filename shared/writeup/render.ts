/**
 * The one Markdown renderer of the write-up: the HTML/PDF exports and the window's live preview
 * render with it, so what a person sees while typing is what the export shows. Raw HTML in the
 * text is not rendered (html: false: `<script>` stays the text it is) and markdown-it refuses
 * javascript:/vbscript:/file:/data: links (its validateLink). No Node and no DOM: shared/ runs on
 * both sides.
 */
import MarkdownIt from 'markdown-it';
import { replaceCitations } from './document';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * The one piece of raw HTML the write-up emits itself: the timeline's `<a id="event-N"></a>`
 * anchors (GitHub keeps them too). Everything else stays text, since user text escapes `<` as
 * `&lt;` before it reaches Markdown, no user can forge one.
 */
const ANCHOR = /^<a id="event-([1-9]\d{0,15})"><\/a>/;
md.inline.ruler.before('html_inline', 'event_anchor', (state, silent) => {
  const m = ANCHOR.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) state.push('html_inline', '', 0).content = `<a id="event-${m[1]}"></a>`;
  state.pos += m[0].length;
  return true;
});

/** Markdown to HTML, for a whole export or one section. */
export function markdownToHtml(markdown: string): string {
  return md.render(markdown);
}

/**
 * One section's text as the preview shows it: each `#seq` citation of an event of the incident
 * becomes a link to `#event-seq` (as in the exports); other seqs stay text.
 */
export function sectionHtml(text: string, isEvent: (seq: number) => boolean): string {
  return markdownToHtml(replaceCitations(text, (seq, raw) => (isEvent(seq) ? `[${raw}](#event-${seq})` : raw)));
}

/** The cited seq of a preview link (`#event-12` → 12), or null for any other link. */
export function citedSeq(href: string | null): number | null {
  const m = /^#event-([1-9]\d{0,15})$/.exec(href ?? '');
  return m ? Number(m[1]) : null;
}
