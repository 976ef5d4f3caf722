import type { ScreenGroup } from '../../../shared/model/screens';
import { useController } from '../../app/context';

/** A group of panes that printed the same thing, shown once with its hosts. */
export function FoldedTile({ group, line, hosts }: { group: ScreenGroup; line: string; hosts: string[] }) {
  const controller = useController();
  return (
    <div className="pane folded-tile" role="group" aria-label={`${hosts.length} identical panes`} data-testid="screen-fold-tile" data-count={hosts.length}>
      <div className="pane-head">
        <span className="alias">{hosts.length} identical</span>
        <span className="muted folded-hosts" title={hosts.join(', ')}>
          {hosts.join(', ')}
        </span>
        <button type="button" className="link" onClick={() => controller.store.getState().setScreensFolded(false)}>
          unfold
        </button>
      </div>
      <pre className="folded-output">
        <span className="muted">$ {line}</span>
        {'\n'}
        {group.output || '(no output)'}
      </pre>
    </div>
  );
}
