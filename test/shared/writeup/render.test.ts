import { describe, expect, it } from 'vitest';
import { citedSeq, markdownToHtml, sectionHtml } from '../../../shared/writeup/render';

describe('the write-up renderer (exports and the window preview)', () => {
  it('renders Markdown, and raw HTML in the text as the text it is', () => {
    const html = markdownToHtml('**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('refuses javascript: links and keeps http links', () => {
    const html = markdownToHtml('[x](javascript:alert(1)) [y](https://example.com/a)');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('<a href="https://example.com/a">y</a>');
  });

  it('keeps only the event anchors the export itself writes', () => {
    expect(markdownToHtml('<a id="event-7"></a>seven')).toContain('<a id="event-7"></a>seven');
    expect(markdownToHtml('<a id="x" onclick="y"></a>')).toContain('&lt;a id=&quot;x&quot;');
  });

  it('links citations of the incident\'s events, not unknown seqs or code', () => {
    const html = sectionHtml('Disk full #3, see #99 and `#4`.', (seq) => seq < 10);
    expect(html).toContain('<a href="#event-3">#3</a>');
    expect(html).toContain('see #99');
    expect(html).toContain('<code>#4</code>');
  });

  it('reads the seq of a citation link and nothing else', () => {
    expect(citedSeq('#event-12')).toBe(12);
    expect(citedSeq('#event-0')).toBeNull();
    expect(citedSeq('https://x/#event-12')).toBeNull();
    expect(citedSeq(null)).toBeNull();
  });
});
