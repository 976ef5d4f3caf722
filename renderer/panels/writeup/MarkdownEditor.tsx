import { useEffect, useRef, type Ref } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editorExtensions, relint } from './editorSetup';
import type { LintMark } from './lintMarks';

/** What the section card can do to the editor: insert a citation at the cursor. */
export interface EditorHandle {
  insert(text: string): void;
}

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
 * One CodeMirror 6 editor over a section's Markdown (editorSetup.ts). The view is made once; the
 * callbacks are read through a ref so a re-render never rebuilds it (and never loses the cursor).
 */
export function MarkdownEditor({ text, label, placeholder, onChange, onSave, marks, onWaive, handle, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSave, marks, onWaive });
  callbacks.current = { onChange, onSave, marks, onWaive };

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const v = new EditorView({ parent, state: EditorState.create({ doc: text, extensions: editorExtensions(label, placeholder ?? '', callbacks) }) });
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
    if (view.current) relint(view.current);
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
