/**
 * The page the editor benchmark types into (test/bench/editor.ts bundles it with esbuild for
 * Chromium): the write-up's 14 sections, each in the window's own CodeMirror setup with the
 * blameless lint running (renderer/panels/writeup/editorSetup.ts), or, as the anchor, each in a
 * plain <textarea>. Every keydown is timed to the end of the frame that follows it: the keydown's
 * timestamp to a message posted from that frame's requestAnimationFrame, which runs after the
 * frame's style, layout and paint.
 */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editorExtensions } from '../../../renderer/panels/writeup/editorSetup';
import { lintMarks, type LintContext } from '../../../renderer/panels/writeup/lintMarks';
import { SectionId } from '../../../shared/model/writeup';

const SENTENCES = [
  'At 14:02 the disk on web-02 reached 100% and nginx could not write its access log (#12).',
  'The on-call engineer carelessly restarted nginx before the disk was freed.',
  'We should have noticed the growing log earlier; the alert fired 20 minutes late.',
  'The deploy failed to start because the health check timed out after 30 s.',
  'Logrotate was disabled in the image since the migration, so logs grew without bound.',
  '- [ ] Alert on disk usage above 80% on every web host, owner bob, due 2026-12-15',
];

/** Paragraphs of four lines, as people write (the lint re-reads only the paragraph typed in). */
function sectionText(lines: number, offset: number): string {
  return Array.from({ length: lines }, (_, i) => (i % 5 === 4 ? '' : SENTENCES[(i + offset) % SENTENCES.length])).join('\n');
}

const samples: number[] = [];
const lintRuns: number[] = [];

addEventListener(
  'keydown',
  (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => samples.push(performance.now() - t0);
      channel.port2.postMessage(null);
    });
  },
  { capture: true },
);

const context: LintContext = { people: ['alice', 'bob'], waivers: [] };

function setup(mode: 'codemirror' | 'textarea', totalLines: number): void {
  const per = Math.ceil(totalLines / SectionId.options.length);
  SectionId.options.forEach((id, i) => {
    const box = document.createElement('section');
    const title = document.createElement('h2');
    title.textContent = id;
    box.append(title);
    document.body.append(box);
    const text = sectionText(per, i);
    if (mode === 'textarea') {
      const area = document.createElement('textarea');
      area.value = text;
      area.rows = 16;
      area.cols = 100;
      area.dataset.section = String(i);
      box.append(area);
      return;
    }
    const callbacks = {
      current: {
        onChange: () => undefined,
        marks: (t: string) => {
          const t0 = performance.now();
          const out = lintMarks(t, id, context);
          lintRuns.push(performance.now() - t0);
          return out;
        },
      },
    };
    const view = new EditorView({ parent: box, state: EditorState.create({ doc: text, extensions: editorExtensions(id, '', callbacks) }) });
    view.dom.dataset.section = String(i);
  });
}

/** Puts the cursor in the middle of section `i`, at the end of a line. */
function focus(i: number): void {
  const el = document.querySelector(`[data-section="${i}"]`);
  if (el instanceof HTMLTextAreaElement) {
    const at = el.value.indexOf('\n', Math.floor(el.value.length / 2));
    el.focus();
    el.setSelectionRange(at, at);
    return;
  }
  const view = el ? EditorView.findFromDOM(el as HTMLElement) : null;
  if (!view) throw new Error(`no editor ${i}`);
  const line = view.state.doc.line(Math.ceil(view.state.doc.lines / 2));
  view.focus();
  view.dispatch({ selection: { anchor: line.to }, scrollIntoView: true });
}

function take(): { samples: number[]; lint: number[] } {
  return { samples: samples.splice(0), lint: lintRuns.splice(0) };
}

(globalThis as unknown as { editorBench: unknown }).editorBench = { setup, focus, take, count: () => samples.length };
