/**
 * The write-up editor's CodeMirror 6 setup, apart from React so the benchmark types into exactly
 * the editor the window shows: history, Markdown highlighting in the window's dark colours, Mod-S
 * to save, line wrapping, and the blameless lint as marks with the suggestion on hover.
 */
import { StateEffect, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { markMessage, type LintMark } from './lintMarks';

/** Markdown colours for the window's dark theme (CodeMirror's default style is for light pages). */
const HIGHLIGHT = HighlightStyle.define([
  { tag: tags.heading, color: '#79c0ff', fontWeight: '600' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.link, color: '#58a6ff' },
  { tag: tags.url, color: '#58a6ff' },
  { tag: tags.monospace, color: '#f0c98a' },
  { tag: tags.quote, color: '#8b949e' },
  { tag: tags.list, color: '#d2a8ff' },
]);

const THEME = EditorView.theme(
  {
    '&': { backgroundColor: '#0d1117', color: '#c9d1d9', border: '1px solid #232b36', borderRadius: '4px', fontSize: '13px' },
    '&.cm-focused': { outline: '1px solid #58a6ff' },
    '.cm-content': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', caretColor: '#c9d1d9', padding: '6px 0' },
    '.cm-scroller': { maxHeight: '22em', overflow: 'auto' },
    '.cm-cursor': { borderLeftColor: '#c9d1d9' },
    '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy #d29922', textUnderlineOffset: '3px' },
    '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted #7d8590', textUnderlineOffset: '3px' },
    '.cm-tooltip': { backgroundColor: '#161c25', color: '#c9d1d9', border: '1px solid #232b36', maxWidth: '28em' },
    '.cm-diagnosticAction': { backgroundColor: '#1f6feb' },
  },
  { dark: true },
);

/** Asks the lint to run again on an unchanged text (see relint). */
const refreshLint = StateEffect.define<null>();

/**
 * Marks the text again now, although it did not change: new waivers or people arrived. CodeMirror's
 * forceLinting alone does nothing once the lint is idle (it only hurries a pending run), so a
 * waiver given on the text being edited would not show until the next keystroke.
 */
export function relint(view: EditorView): void {
  view.dispatch({ effects: refreshLint.of(null) });
  forceLinting(view);
}

/** Pause in typing before the lint runs again. */
export const LINT_DELAY_MS = 250;

export interface EditorCallbacks {
  onChange(text: string): void;
  onSave?(): void;
  /** The lint marks of a text. */
  marks?(text: string): LintMark[];
  /** Waive a mark (the diagnostic's action). */
  onWaive?(mark: LintMark): void;
}

/** The extensions; `callbacks` is read on each use, so the caller may swap its functions without rebuilding the view. */
export function editorExtensions(label: string, placeholder: string, callbacks: { readonly current: EditorCallbacks }): Extension[] {
  const lint = linter(
    (v) =>
      (callbacks.current.marks?.(v.state.doc.toString()) ?? []).map(
        (m): Diagnostic => ({
          from: m.from,
          to: m.to,
          severity: m.waived ? 'info' : 'warning',
          source: 'blameless',
          message: markMessage(m),
          markClass: `lint-${m.rule}`,
          actions: m.waived || !callbacks.current.onWaive ? [] : [{ name: 'Waive…', apply: () => callbacks.current.onWaive?.(m) }],
        }),
      ),
    { delay: LINT_DELAY_MS, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(refreshLint))) },
  );
  return [
    history(),
    keymap.of([
      {
        key: 'Mod-s',
        preventDefault: true,
        run: () => {
          callbacks.current.onSave?.();
          return true;
        },
      },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    markdown(),
    syntaxHighlighting(HIGHLIGHT),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    placeholderText(placeholder),
    lint,
    THEME,
    EditorView.updateListener.of((u) => {
      if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
    }),
  ];
}
