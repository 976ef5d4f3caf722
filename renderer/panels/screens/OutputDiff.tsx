import { diffLines } from 'diff';
import '../../styles/screens.css';

/**
 * One output against another, line by line (`- ` only in the base, `+ ` only in the other), as
 * text: the outputs are remote and never markup. Used by the screens comparison and the run result.
 */
export function OutputDiff({ base, other }: { base: string; other: string }) {
  return (
    <pre className="output-diff" data-testid="output-diff">
      {diffLines(base, other).flatMap((part, i) =>
        part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((text, j) => (
            <span key={`${i}-${j}`} className={part.added ? 'diff-add' : part.removed ? 'diff-del' : 'diff-same'}>
              {part.added ? '+ ' : part.removed ? '- ' : '  '}
              {text}
              {'\n'}
            </span>
          )),
      )}
    </pre>
  );
}
