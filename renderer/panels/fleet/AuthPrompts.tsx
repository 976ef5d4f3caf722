import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useController, useWarroom } from '../../app/context';
import { authKindLabel, groupAuthPrompts, type AuthGroup } from './authGroups';
import '../../styles/fleet.css';

/**
 * Passphrase, password and keyboard-interactive questions, beside the grid like host keys. Hosts
 * asking the same question are shown once, with their count.
 */
export function AuthPrompts() {
  const prompts = useWarroom((s) => s.authPrompts);
  const groups = useMemo(() => groupAuthPrompts(prompts), [prompts]);
  if (groups.length === 0) return null;
  return (
    <div className="auth-prompts" role="region" aria-label="Authentication questions">
      {groups.map((g) => (
        <AuthPromptCard key={g.first.promptId} group={g} />
      ))}
    </div>
  );
}

function AuthPromptCard({ group }: { group: AuthGroup }) {
  const controller = useController();
  const { first, prompts, aliases } = group;
  // Answers stay in the inputs themselves (uncontrolled): never in React or zustand state.
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [forAll, setForAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const many = prompts.length > 1;

  useEffect(() => {
    // Take the keyboard only when nobody is typing elsewhere: keys meant for a shell (and the Enter
    // that ends them) must never land in a password field and be sent to a host as an answer.
    const active = document.activeElement;
    const idle = !active || active === document.body || active instanceof HTMLButtonElement;
    if (idle) inputs.current[0]?.focus();
  }, []);

  const clear = () => {
    for (const input of inputs.current) if (input) input.value = '';
  };
  const send = async (answers: string[] | null) => {
    setBusy(true);
    try {
      await controller.fleet.answerAuth(group, answers, forAll);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const answers = first.prompts.map((_, i) => inputs.current[i]?.value ?? '');
    clear();
    void send(answers);
  };
  const decline = () => {
    clear();
    void send(null);
  };

  return (
    <form
      className="auth-prompt"
      data-testid="auth-prompt"
      data-host={first.alias}
      data-kind={first.kind}
      data-count={prompts.length}
      aria-label={`${authKindLabel(first.kind)} for ${aliases.join(', ')}`}
      onSubmit={submit}
    >
      <div className="auth-head">
        <span className="auth-kind">{authKindLabel(first.kind)}</span>
        <strong className="auth-title" data-testid="auth-title">{first.title}</strong>
        <span className="auth-hosts" data-testid="auth-hosts" title={aliases.join(', ')}>
          {many ? `${prompts.length} hosts ask: ${aliases.join(', ')}` : first.alias}
        </span>
      </div>
      {first.instructions ? (
        <div className="auth-instructions" data-testid="auth-instructions">
          {first.instructions}
        </div>
      ) : null}
      <div className="auth-fields">
        {first.prompts.map((p, i) => (
          <label className="auth-field" key={i}>
            <span className="auth-question">{p.prompt}</span>
            <input
              ref={(el) => {
                inputs.current[i] = el;
              }}
              type={p.echo ? 'text' : 'password'}
              data-testid="auth-input"
              autoComplete="off"
              spellCheck={false}
              disabled={busy}
            />
          </label>
        ))}
      </div>
      <div className="auth-actions">
        <label className="auth-forall" title="Give the same answers to every host of this connect that asks this question">
          <input type="checkbox" data-testid="auth-for-all" checked={forAll} disabled={busy} onChange={(e) => setForAll(e.target.checked)} />
          answer once for all hosts in this connect
        </label>
        <button type="submit" className="primary" data-testid="auth-submit" disabled={busy}>
          Submit
        </button>
        <button type="button" data-testid="auth-decline" disabled={busy} onClick={decline}>
          Decline
        </button>
      </div>
    </form>
  );
}
