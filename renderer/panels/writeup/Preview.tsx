import { useMemo, type MouseEvent } from 'react';
import { citedSeq, sectionHtml } from '../../../shared/writeup/render';
import { useWarroom } from '../../app/context';

/**
 * A section rendered as the exports render it (shared/writeup/render.ts). The HTML is markdown-it's
 * with raw HTML off and unsafe links refused, so the person's text cannot add markup or script;
 * the window's CSP forbids inline script besides. A `#seq` link shows that event on the timeline;
 * an http(s) link opens outside the window; nothing else navigates.
 */
export function Preview({ text, testId = 'writeup-preview' }: { text: string; testId?: string }) {
  const lastSeq = useWarroom((s) => s.events.at(-1)?.seq ?? 0);
  const focusEvent = useWarroom((s) => s.focusEvent);
  // Seqs are dense from 1: "is an event of this incident" is a range check.
  const html = useMemo(() => sectionHtml(text, (seq) => seq <= lastSeq), [text, lastSeq]);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const link = (e.target as Element).closest('a');
    if (!link) return;
    e.preventDefault();
    const href = link.getAttribute('href');
    const seq = citedSeq(href);
    if (seq !== null) focusEvent(seq);
    else if (href && /^https?:\/\//i.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
  };
  if (text.trim() === '') return <div className="writeup-preview muted small" data-testid={testId}>Nothing written yet.</div>;
  return <div className="writeup-preview" data-testid={testId} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
