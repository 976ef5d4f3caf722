import { useState } from 'react';
import { useController, useWarroom } from '../../app/context';

/** An input that must hold the host count before a dangerous send is allowed. */
function CountGate({ count, onChange }: { count: number; onChange: (ok: boolean) => void }) {
  const [value, setValue] = useState('');
  return (
    <input
      className="count-gate"
      data-testid="danger-count"
      inputMode="numeric"
      size={4}
      placeholder={String(count)}
      aria-label={`Type ${count} to confirm`}
      value={value}
      autoFocus
      onChange={(e) => {
        setValue(e.target.value);
        onChange(e.target.value.trim() === String(count));
      }}
    />
  );
}

/** A dangerous line held at Enter: type the host count to run it everywhere, or try one host first. */
export function HeldCommandBar() {
  const controller = useController();
  const held = useWarroom((s) => s.heldCommand);
  const sessions = useWarroom((s) => s.sessions);
  const aliasOf = (id: string) => sessions[id]?.alias ?? id;
  const [ok, setOk] = useState(false);
  if (!held) return null;
  const n = held.targets.length;
  if (held.phase === 'canary') {
    const rest = n - 1;
    return (
      <div className="guard" data-testid="danger-held" data-phase="canary" role="alert">
        <span>
          Canary: <code>{held.line}</code> ran on <strong>{aliasOf(held.canary ?? '')}</strong> only. Check its output, then:
        </span>
        <button type="button" className="danger" data-testid="danger-continue" onClick={() => controller.broadcast.runHeld()}>
          Continue on {rest} more
        </button>
        <button type="button" data-testid="danger-cancel" onClick={() => controller.broadcast.cancelHeld()}>
          Stop here ({rest} never ran it)
        </button>
      </div>
    );
  }
  return (
    <div className="guard" data-testid="danger-held" data-phase="confirm" role="alert">
      <span>
        Held: <code>{held.line}</code> on <strong>{n} hosts</strong>: {held.reason}
        {held.uncertain ? ' (line edited with cursor keys: check the prompts)' : ''}. Type {n} to run it:
      </span>
      <CountGate count={n} onChange={setOk} />
      <button type="button" className="danger" data-testid="danger-confirm" disabled={!ok} onClick={() => controller.broadcast.runHeld()}>
        Run on {n}
      </button>
      <button
        type="button"
        data-testid="danger-canary"
        disabled={held.uncertain}
        title={held.uncertain ? 'The line was edited with cursor keys: the exact text is unknown' : 'Run it on one host, look, then decide'}
        onClick={() => controller.broadcast.canaryHeld()}
      >
        Canary: {aliasOf(held.targets[0] ?? '')} first
      </button>
      <button type="button" data-testid="danger-cancel" onClick={() => controller.broadcast.cancelHeld()}>
        Cancel
      </button>
    </div>
  );
}

/** A multi-line paste while broadcasting waits here; a dangerous one also wants the host count. */
export function PasteConfirm({ targets }: { targets: number }) {
  const controller = useController();
  const pending = useWarroom((s) => s.pendingPaste);
  const [ok, setOk] = useState(false);
  if (!pending) return null;
  const hosts = `${targets} ${targets === 1 ? 'host' : 'hosts'}`;
  return (
    <div className="guard" data-testid="paste-confirm" role="alert">
      <span>
        Paste {pending.lines} lines into {hosts}?{pending.danger ? ` One of them is dangerous: ${pending.danger}. Type ${targets} to send:` : ''}
      </span>
      {pending.danger ? <CountGate count={targets} onChange={setOk} /> : null}
      <button
        type="button"
        className="danger"
        data-testid="paste-confirm-send"
        disabled={pending.danger !== undefined && !ok}
        onClick={() => controller.broadcast.confirmPaste()}
      >
        Send to {targets}
      </button>
      <button type="button" data-testid="paste-confirm-cancel" onClick={() => controller.broadcast.cancelPaste()}>
        Cancel
      </button>
    </div>
  );
}
