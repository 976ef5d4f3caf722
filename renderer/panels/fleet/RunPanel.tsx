import { useState, type CSSProperties, type FormEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { nameHostSet } from '../../../shared/model/hostSet';
import { useController, useWarroom } from '../../app/context';
import { DANGER_GUARD_MIN_TARGETS, dangerOf } from '../../app/lineGuard';
import { RunResult } from './RunResult';
import { defaultRunSource, runTargets, type RunSource } from './runView';
import '../../styles/fleet.css';

/**
 * "Run on targets": one command on every target over its own exec channel, the result collated as
 * `dshbak -c` groups it. Sits above the grid and folds to one line; it never covers a terminal, and
 * its result scrolls in a box whose height the user drags (the grid keeps the rest).
 */
export function RunPanel() {
  const controller = useController();
  const store = controller.store.getState;
  const { open, running, cancelling, hasRun } = useWarroom((s) => ({
    open: s.runPanelOpen,
    running: s.run?.status === 'running',
    cancelling: s.run?.cancelling === true,
    hasRun: s.run !== null,
  }));
  // The result box's height, once dragged (px); until then the stylesheet's default.
  const [outputMax, setOutputMax] = useState<number | null>(null);
  const [chosen, setChosen] = useState<RunSource | null>(null);
  const [command, setCommand] = useState('');
  const [held, setHeld] = useState<string | null>(null);
  // Primitives only: useShallow compares one level deep, so a fresh array would re-render forever.
  const { source, targetList, broadcastCount, selectedCount } = useWarroom((s) => {
    const inputs = { sessionOrder: s.sessionOrder, sessions: s.sessions, excluded: s.excluded, selected: s.selected };
    const src = chosen ?? defaultRunSource(inputs);
    return {
      source: src,
      targetList: runTargets(src, inputs).join('\n'),
      broadcastCount: runTargets('broadcast', inputs).length,
      selectedCount: runTargets('selected', inputs).length,
    };
  });
  // Aliases never hold whitespace, so a newline-joined list splits back exactly.
  const targets = targetList === '' ? [] : targetList.split('\n');

  if (!open) {
    return (
      <div className="run-folded">
        <button type="button" className="link" data-testid="run-open" onClick={() => store().setRunPanelOpen(true)}>
          Run on targets…
        </button>
      </div>
    );
  }

  const start = (line: string) => {
    setHeld(null);
    void controller.fleet.run(line, targets);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const line = command.trim();
    if (!line || targets.length === 0 || running) return;
    // The same guard as broadcast: a destructive command to many hosts waits for a second click.
    const danger = targets.length >= DANGER_GUARD_MIN_TARGETS ? dangerOf(line) : undefined;
    if (danger && held !== line) {
      setHeld(line);
      return;
    }
    start(line);
  };
  const danger = held !== null && held === command.trim() ? dangerOf(held) : undefined;

  return (
    <section className="run-panel" data-testid="run-panel" aria-label="Run on targets">
      <form className="run-form" onSubmit={submit}>
        <span className="section-title run-title">Run on</span>
        <select
          data-testid="run-source"
          value={source}
          aria-label="Which hosts to run on"
          onChange={(e) => setChosen(e.target.value === 'selected' ? 'selected' : 'broadcast')}
        >
          <option value="broadcast">broadcast targets ({broadcastCount})</option>
          <option value="selected">selected hosts ({selectedCount})</option>
        </select>
        <input
          className="run-command"
          data-testid="run-command"
          placeholder="command, e.g. uptime"
          aria-label="Command to run on every target"
          spellCheck={false}
          autoComplete="off"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="run-submit" disabled={running || targets.length === 0 || command.trim() === ''}>
          {running ? 'Running…' : `Run on ${targets.length}`}
        </button>
        {running ? (
          <button type="button" className="danger" data-testid="run-cancel" disabled={cancelling} onClick={() => void controller.fleet.cancelRun()}>
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        ) : null}
        <button type="button" className="link" data-testid="run-fold" title="Fold this panel" onClick={() => store().setRunPanelOpen(false)}>
          fold
        </button>
      </form>
      <div className="run-targets muted small" data-testid="run-targets" title={targets.join(', ')}>
        {targets.length > 0 ? `targets: ${nameHostSet(targets, { max: 6 }).text}` : source === 'broadcast' ? 'no ready, included host to run on' : 'no host selected in the host list'}
      </div>
      {danger ? (
        <div className="run-guard" data-testid="run-guard" role="alert">
          <span>
            Held: {danger}, and it runs on {targets.length} hosts.
          </span>
          <button type="button" className="danger" data-testid="run-confirm" onClick={() => start(held!)}>
            Run on {targets.length} hosts
          </button>
          <button type="button" onClick={() => setHeld(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      <div className="run-output-box" style={outputMax === null ? undefined : ({ '--run-output-max': `${outputMax}px` } as CSSProperties)}>
        <RunResult />
      </div>
      {hasRun ? <ResizeHandle onResize={setOutputMax} /> : null}
    </section>
  );
}

/** The smallest and largest result box a drag or the arrow keys can make, in px and share of the window. */
const MIN_OUTPUT_PX = 60;
const MAX_OUTPUT_SHARE = 0.8;

/** A bar under the result: dragged (or arrow keys) to make the result box taller or shorter. */
function ResizeHandle({ onResize }: { onResize: (px: number) => void }) {
  const box = (el: Element): HTMLElement | null => el.parentElement?.querySelector<HTMLElement>('.run-output') ?? null;
  const clamp = (px: number) => Math.round(Math.max(MIN_OUTPUT_PX, Math.min(window.innerHeight * MAX_OUTPUT_SHARE, px)));
  const down = (e: PointerEvent<HTMLDivElement>) => {
    const output = box(e.currentTarget);
    if (!output) return;
    e.preventDefault();
    const startY = e.clientY;
    const startH = output.getBoundingClientRect().height;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onResize(clamp(startH + ev.clientY - startY));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowDown' ? 40 : e.key === 'ArrowUp' ? -40 : 0;
    const output = box(e.currentTarget);
    if (step === 0 || !output) return;
    e.preventDefault();
    onResize(clamp(output.getBoundingClientRect().height + step));
  };
  return (
    <div
      className="run-resize"
      data-testid="run-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Drag to resize the run result"
      title="Drag to resize the run result"
      tabIndex={0}
      onPointerDown={down}
      onKeyDown={key}
    />
  );
}
