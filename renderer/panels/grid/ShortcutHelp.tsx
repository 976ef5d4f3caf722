import { useController, useWarroom } from '../../app/context';
import { SHORTCUTS } from '../../app/shortcuts';

/** The keyboard shortcuts, from the same table the keys are handled by; "?" or the keys button opens it. */
export function ShortcutHelp() {
  const controller = useController();
  const open = useWarroom((s) => s.helpOpen);
  if (!open) return null;
  const close = () => controller.store.getState().setHelpOpen(false);
  return (
    <div className="help-backdrop" onClick={close}>
      <section className="help" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcut-help" onClick={(e) => e.stopPropagation()}>
        <div className="section-title">
          Keyboard shortcuts
          <button type="button" className="link" onClick={close}>
            close (Esc)
          </button>
        </div>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys} data-testid="shortcut">
                <td className="keys">{s.keys}</td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Every other key typed in a terminal goes to its host (or to every target while broadcasting). Click a host in the list to bring its pane into view.
        </p>
      </section>
    </div>
  );
}
