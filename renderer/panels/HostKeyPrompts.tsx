import { useController, useWarroom } from '../app/context';

/** Unknown host keys wait here, beside the grid: nothing is sent to the host until one is answered. */
export function HostKeyPrompts() {
  const controller = useController();
  const prompts = useWarroom((s) => s.hostKeyPrompts);
  if (prompts.length === 0) return null;
  return (
    <div className="hostkeys">
      {prompts.map((p) => (
        <section className="hostkey" key={p.promptId} data-testid="hostkey-prompt" data-host={p.alias} aria-label={`Unknown host key for ${p.alias}`}>
          <div className="hostkey-head">
            Unknown host key for <strong>{p.alias}</strong> ({p.host}:{p.port})
          </div>
          <div className="hostkey-body">
            <span className="muted">{p.keyType}</span> <code data-testid="hostkey-fingerprint">{p.fingerprint}</code>
            <div className="muted small">Saving writes it to {p.knownHostsFile}</div>
          </div>
          <div className="hostkey-actions">
            <button type="button" data-testid="hostkey-accept-once" onClick={() => void controller.fleet.answerHostKey(p.promptId, 'accept-once')}>
              Accept once
            </button>
            <button type="button" data-testid="hostkey-accept-save" onClick={() => void controller.fleet.answerHostKey(p.promptId, 'accept-save')}>
              Accept and save
            </button>
            <button type="button" className="danger" data-testid="hostkey-reject" onClick={() => void controller.fleet.answerHostKey(p.promptId, 'reject')}>
              Reject
            </button>
          </div>
        </section>
      ))}
    </div>
  );
}
