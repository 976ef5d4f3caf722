import { useEffect, useRef, type Ref } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { markMessage, type LintMark } from './lintMarks';

/** What the section card can do to the editor: insert a citation at the cursor. */
export interface EditorHandle {
  insert(text: string): void;
}

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

interface Props {
  /** The text to show; a change from outside (a save elsewhere, keep theirs) replaces the document. */
  text: string;
  label: string;
  placeholder?: string;
  onChange(text: string): void;
  onSave?(): void;
  /** The lint marks of a text (run after typing pauses). */
  marks?(text: string): LintMark[];
  /** Waive a mark (the diagnostic's action); the card asks for the reason. */
  onWaive?(mark: LintMark): void;
  handle?: Ref<EditorHandle>;
  testId?: string;
}

/**
 * One CodeMirror 6 editor over a section's Markdown: history, Markdown highlighting, Mod-S to
 * save, and the blameless lint as marks with the suggestion on hover. The view is made once; the
 * callbacks are read through refs so a re-render never rebuilds it (and never loses the cursor).
 */
export function MarkdownEditor({ text, label, placeholder, onChange, onSave, marks, onWaive, handle, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSave, marks, onWaive });
  callbacks.current = { onChange, onSave, marks, onWaive };

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
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
      { delay: 250 },
    );
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
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
          placeholderText(placeholder ?? ''),
          lint,
          THEME,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once per mount; text changes arrive through the effect below.
  }, []);

  // A text from outside (someone else's save, keep theirs) replaces the document; typing never does.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);

  // New waivers or people: the marks are computed again.
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [marks]);

  useEffect(() => {
    if (!handle) return;
    const h: EditorHandle = {
      insert: (t) => {
        const v = view.current;
        if (!v) return;
        const { from, to } = v.state.selection.main;
        v.dispatch({ changes: { from, to, insert: t }, selection: { anchor: from + t.length } });
        v.focus();
      },
    };
    if (typeof handle === 'function') handle(h);
    else (handle as { current: EditorHandle | null }).current = h;
  }, [handle]);

  return <div className="md-editor" ref={host} data-testid={testId ?? 'md-editor'} />;
}
