import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import type { ReplayCast } from '../../../shared/model/replay';
import { TERMINAL_OPTIONS } from '../../terminals/theme';
import { ReplayPlayer } from './replayPlayer';
import { REPLAY_BEFORE_MS } from './actions';

const SPEEDS = [0.5, 1, 2, 4, 8] as const;

const seconds = (ms: number) => `${ms < REPLAY_BEFORE_MS ? '-' : '+'}${(Math.abs(ms - REPLAY_BEFORE_MS) / 1000).toFixed(1)}s`;

/**
 * One host's recording around a key moment, played into a read-only xterm (stdin off, no input
 * handler: nothing typed here reaches any session). Starts paused at the moment itself, with the
 * screen as it was then; play runs it on from there.
 */
export function ReplayPanel({ casts }: { casts: readonly ReplayCast[] }) {
  const [index, setIndex] = useState(0);
  const cast = casts[Math.min(index, casts.length - 1)];
  const host = useRef<HTMLDivElement>(null);
  const player = useRef<ReplayPlayer | null>(null);
  const [, redraw] = useState(0);
  const [speed, setSpeed] = useState<number>(1);

  useEffect(() => {
    if (!cast || !host.current) return;
    const term = new Terminal({ ...TERMINAL_OPTIONS, fontSize: 12, cols: cast.width, rows: cast.height, disableStdin: true, screenReaderMode: true, scrollback: 2000 });
    term.open(host.current);
    const p = new ReplayPlayer(cast, { write: (d) => term.write(d), reset: () => term.reset(), resize: (c, r) => term.resize(c, r) }, () => redraw((n) => n + 1));
    p.setSpeed(speed);
    p.seek(REPLAY_BEFORE_MS);
    player.current = p;
    return () => {
      p.dispose();
      player.current = null;
      term.dispose();
    };
    // A new terminal per recording; speed changes go straight to the player.
  }, [cast]);

  if (!cast) return <p className="muted small" data-testid="replay-empty">No terminal recording covers this moment.</p>;
  const p = player.current;
  return (
    <div className="replay" data-testid="replay">
      <div className="replay-bar">
        <select data-testid="replay-host" aria-label="Recording" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
          {casts.map((c, i) => (
            <option key={c.file} value={i}>
              {c.alias} ({c.file.split('/').pop()})
            </option>
          ))}
        </select>
        <button type="button" data-testid="replay-play" onClick={() => (p?.playing ? p.pause() : p?.play())}>
          {p?.playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select
            data-testid="replay-speed"
            value={speed}
            onChange={(e) => {
              const s = Number(e.target.value);
              setSpeed(s);
              p?.setSpeed(s);
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          data-testid="replay-seek"
          aria-label="Position"
          min={0}
          max={p?.end ?? 0}
          step={100}
          value={p?.at ?? 0}
          onChange={(e) => p?.seek(Number(e.target.value))}
        />
        <span className="muted small" data-testid="replay-position">
          {seconds(p?.at ?? 0)} from the moment
        </span>
        <span className={`badge seal-${cast.seal}`} data-testid="replay-seal" title="Compared with the recording's latest recording.sealed event">
          {cast.seal === 'sealed' ? 'sealed, sha256 matches' : cast.seal === 'open' ? 'live recording, not sealed yet' : 'differs from its seal'}
        </span>
        {cast.truncated ? <span className="muted small">cut to the replay limit</span> : null}
      </div>
      <div className="replay-terminal" data-testid="replay-terminal" data-host={cast.alias} ref={host} />
    </div>
  );
}
