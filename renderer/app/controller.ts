import { MAX_INPUT_CHARS, MAX_REPLY_CHARS, type WarroomApi } from '../../shared/contract';
import type { LinkState } from '../api/websocket';
import { BroadcastActions } from '../panels/broadcast/actions';
import type { SessionInfo } from '../../shared/model/host';
import { FleetActions } from '../panels/fleet/actions';
import { IncidentActions } from '../panels/incident/actions';
import { WriteupActions } from '../panels/writeup/actions';
import type { DraftStorage } from '../panels/writeup/localDrafts';
import { ScreenActions } from '../panels/screens/actions';
import { MeetingActions } from '../panels/meeting/actions';
import { GridActions } from '../panels/grid/actions';
import type { WarroomStore } from '../store';
import { isLive } from '../store/sessionsSlice';
import { TerminalRegistry } from '../terminals/registry';
import { replyPieces } from '../terminals/replies';
import { InputQueue } from './inputQueue';
import { KeyRouter } from './keyRouter';
import { runShortcut, type ShortcutKey } from './shortcuts';
import { TimelinePages } from './timelinePages';

/** The pane size a new connection should ask for, from the grid as it will be laid out. */
export type SizeEstimator = (paneCount: number) => { cols: number; rows: number };

const FALLBACK_SIZE = { cols: 80, rows: 24 };
const RESIZE_SETTLE_MS = 120;

/**
 * The window's glue: contract events into the store and the terminal registry, keys into input.
 * User actions live in the action modules it owns, reached by panels through the React context:
 * `controller.fleet`, `.incident`, `.writeup`, `.screens` and `.broadcast`. Every failure becomes a
 * visible error line; nothing is swallowed.
 */
export class Controller {
  readonly registry: TerminalRegistry;
  readonly fleet: FleetActions;
  readonly incident: IncidentActions;
  readonly writeup: WriteupActions;
  readonly screens: ScreenActions;
  readonly broadcast: BroadcastActions;
  readonly meeting: MeetingActions;
  readonly grid: GridActions;
  /** The active journal, newest page first (a 100,000-event incident must show within a second). */
  readonly timeline: TimelinePages;
  private readonly input: InputQueue;
  private estimator: SizeEstimator | undefined;
  private readonly resizeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sentSizes = new Map<string, string>();
  private unsubscribers: (() => void)[] = [];
  private readonly keys: KeyRouter;
  /** Session states that arrived since the last frame: 64 connects are one store update per frame. */
  private readonly pendingStates = new Map<string, SessionInfo>();
  private statesQueued = false;

  constructor(
    readonly api: WarroomApi,
    readonly store: WarroomStore,
    /** Where unsaved write-up text is kept across reloads (default: the page's localStorage). */
    draftStorage?: DraftStorage,
  ) {
    this.registry = new TerminalRegistry({
      sendAcks: (acks) => {
        this.api.request('fleet.ack', { acks }).catch((err: unknown) => this.fail('Flow control', err));
      },
      onInput: (sessionId, data) => this.typed(sessionId, data),
      onReply: (sessionId, data) => this.replied(sessionId, data),
      onResize: (sessionId, cols, rows) => this.resized(sessionId, cols, rows),
      onShortcut: (event) => this.shortcut(event),
      onFocus: (sessionId) => this.store.getState().setFocusedPane(sessionId),
      onVisible: (ids) => this.store.getState().setOnScreen(ids),
    });
    this.input = new InputQueue(
      async (batch) => {
        this.registry.inputSent(batch.sessionIds, batch.data);
        const { delivered } = await this.api.request('fleet.input', batch);
        // A target can go down between the keypress and the write: the user must know who missed keys.
        if (delivered < batch.sessionIds.length) this.missedKeys(batch.sessionIds, delivered);
      },
      (err) => this.fail('Keys not delivered', err),
      MAX_INPUT_CHARS,
    );
    this.keys = new KeyRouter(store, this.input);
    this.fleet = new FleetActions(this);
    this.incident = new IncidentActions(this);
    this.writeup = new WriteupActions(this, draftStorage);
    this.screens = new ScreenActions(this);
    this.broadcast = new BroadcastActions(this, this.keys);
    this.meeting = new MeetingActions(this);
    this.grid = new GridActions(this);
    this.timeline = new TimelinePages(api, store, (what, err) => this.fail(what, err));
  }

  start(onLink: (listener: (state: LinkState) => void) => () => void): void {
    const { api, store } = this;
    this.unsubscribers = [
      api.on('term.data', ({ sessionId, data }) => this.registry.write(sessionId, data)),
      api.on('term.skipped', ({ sessionId, chars }) => this.registry.skipped(sessionId, chars)),
      // This window fell behind and was dropped from the session's stream: the scrollback request
      // repaints it and puts it back on the stream.
      api.on('term.resync', ({ sessionId }) => {
        api.request('fleet.scrollback', { sessionId }).then(
          ({ data }) => this.registry.resync(sessionId, data),
          (err: unknown) => this.fail('Scrollback', err),
        );
      }),
      api.on('session.state', (info) => this.sessionState(info)),
      api.on('hostkey.prompt', (prompt) => store.getState().addHostKeyPrompts([prompt])),
      api.on('hostkey.settled', ({ promptId }) => store.getState().removeHostKeyPrompt(promptId)),
      api.on('auth.prompt', (prompt) => store.getState().addAuthPrompts([prompt])),
      api.on('auth.settled', ({ promptId }) => store.getState().removeAuthPrompt(promptId)),
      api.on('timeline.append', (event) => store.getState().addEvents([event])),
      api.on('timeline.error', ({ message }) => store.getState().reportError(message)),
      api.on('incident.integrity', (integrity) => store.getState().setIntegrity(integrity)),
      api.on('screen.groups', (verdict) => store.getState().setScreenGroups(verdict)),
      api.on('run.host', ({ runId, host }) => store.getState().runHostDone(runId, host)),
      api.on('run.progress', ({ runId, ...counts }) => store.getState().runProgress(runId, counts)),
      api.on('incident.changed', (incident) => {
        const current = store.getState().incident;
        if (incident && current && incident.id === current.id) store.getState().setIncident(incident);
        // A different incident: its events may already be arriving, so take the journal whole.
        else void this.loadIncident();
      }),
      onLink((state) => {
        store.getState().setLink(state);
        if (state.kind === 'open') void this.resync();
      }),
    ];
    this.unsubscribers.push(store.subscribe((s, prev) => {
      if (s.screenReader !== prev.screenReader) this.registry.setScreenReader(s.screenReader);
    }));
    this.unsubscribers.push(this.incident.start());
    this.unsubscribers.push(this.writeup.start());
  }

  stop(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
  }

  setSizeEstimator(estimator: SizeEstimator | undefined): void {
    this.estimator = estimator;
  }

  /** Reloads everything the Node side knows: at start and after every reconnect. */
  async resync(): Promise<void> {
    const { api, store } = this;
    await Promise.all([
      // First: the Node side answers in order, and the timeline is what a returning commander reads.
      this.loadIncident(),
      api.request('app.info', {}).then(
        (info) => {
          store.getState().setAppInfo(info);
          this.registry.setScreenReader(store.getState().screenReader);
        },
        (err: unknown) => this.fail('App info', err),
      ),
      this.loadHosts(),
      api.request('fleet.sessions', {}).then(
        ({ sessions }) => {
          const before = store.getState().sessionOrder;
          store.getState().resetSessions(sessions);
          const after = new Set(store.getState().sessionOrder);
          for (const id of before) if (!after.has(id)) this.registry.dispose(id);
          // The Node side may have restarted: it knows no sizes, so every pane says its own again.
          this.sentSizes.clear();
          for (const s of sessions) this.flushSize(s.sessionId);
          // Terminals this window has not seen yet (a reload, a second tab) get their recent output back.
          for (const s of sessions) {
            if (before.includes(s.sessionId) || s.state === 'closed') continue;
            api.request('fleet.scrollback', { sessionId: s.sessionId }).then(
              ({ data }) => this.registry.replay(s.sessionId, data),
              (err: unknown) => this.fail('Scrollback', err),
            );
          }
        },
        (err: unknown) => this.fail('Sessions', err),
      ),
      api.request('hostkey.pending', {}).then(
        ({ prompts }) => store.getState().resetHostKeyPrompts(prompts),
        (err: unknown) => this.fail('Host keys', err),
      ),
      api.request('auth.pending', {}).then(
        ({ prompts }) => store.getState().resetAuthPrompts(prompts),
        (err: unknown) => this.fail('Authentication prompts', err),
      ),
      api.request('checklist.definitions', {}).then(
        ({ checklists }) => store.getState().setChecklists(checklists),
        (err: unknown) => this.fail('Checklists', err),
      ),
      this.screens.load(),
    ]);
  }

  async loadHosts(): Promise<void> {
    try {
      const { hosts, groups, warnings } = await this.api.request('hosts.list', {});
      this.store.getState().setHosts(hosts, groups, warnings);
    } catch (err) {
      this.fail('Hosts', err);
    }
  }

  async loadIncident(): Promise<void> {
    try {
      await this.timeline.open();
    } catch (err) {
      this.fail('Incident', err);
    }
  }

  /** The pane size a new connection should ask for, with this many panes in the grid. */
  paneSize(paneCount: number): { cols: number; rows: number } {
    return this.estimator?.(paneCount) ?? FALLBACK_SIZE;
  }

  /** A connection was opened at this size: no resize request is needed for it. */
  sizeSent(sessionId: string, size: { cols: number; rows: number }): void {
    this.sentSizes.set(sessionId, `${size.cols}x${size.rows}`);
  }

  typed(sessionId: string, data: string): void {
    this.keys.typed(sessionId, data);
  }

  /** Answers go straight to the session that asked: not through the key router, its broadcast or its queue. */
  private replied(sessionId: string, data: string): void {
    for (const piece of replyPieces(data, MAX_REPLY_CHARS)) {
      this.api.request('fleet.reply', { sessionId, data: piece }).catch((err: unknown) => this.fail('Terminal reply', err));
    }
  }

  /** A window shortcut (shortcuts.ts); true when the key was one and must not reach a host. */
  shortcut(event: ShortcutKey): boolean {
    const s = () => this.store.getState();
    return runShortcut(event, {
      toggleBroadcast: () => this.keys.setBroadcast(!s().broadcastOn),
      move: (direction) => this.grid.move(direction),
      group: (delta) => this.grid.group(delta),
      toggleZoom: () => this.grid.toggleZoom(),
      page: (delta) => this.grid.page(delta),
      toggleColumn: (column) => (column === 'hosts' ? s().setPickerOpen(!s().pickerOpen) : s().setSideOpen(!s().sideOpen)),
      setDensity: (density) => s().setDensity(density),
      help: () => s().setHelpOpen(!s().helpOpen),
    });
  }

  /**
   * Session states are applied once per animation frame: a connect-all sends four states per host,
   * and one store update each re-renders every pane and the bars hundreds of times.
   */
  private sessionState(info: SessionInfo): void {
    this.pendingStates.set(info.sessionId, info);
    if (this.statesQueued) return;
    this.statesQueued = true;
    const flush = () => {
      this.statesQueued = false;
      const infos = [...this.pendingStates.values()];
      this.pendingStates.clear();
      this.store.getState().upsertSessions(infos);
      for (const i of infos) if (i.state === 'ready') this.flushSize(i.sessionId);
    };
    // Hidden tabs get no frames, yet their panes must still learn their states.
    if (typeof document !== 'undefined' && document.visibilityState !== 'hidden' && typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
    else setTimeout(flush, 50);
  }

  private resized(sessionId: string, cols: number, rows: number): void {
    const timer = this.resizeTimers.get(sessionId);
    if (timer) clearTimeout(timer);
    // Dragging a window edge resizes many times a second; the pty only needs the final size.
    this.resizeTimers.set(
      sessionId,
      setTimeout(() => {
        this.resizeTimers.delete(sessionId);
        this.flushSize(sessionId, { cols, rows });
      }, RESIZE_SETTLE_MS),
    );
  }

  private flushSize(sessionId: string, size = this.registry.size(sessionId)): void {
    const { sessions, link } = this.store.getState();
    const info = sessions[sessionId];
    // While the link is down the size waits: resync sends every pane's size once it is back.
    if (!size || !info || !isLive(info.state) || link.kind !== 'open') return;
    const key = `${size.cols}x${size.rows}`;
    if (this.sentSizes.get(sessionId) === key) return;
    this.sentSizes.set(sessionId, key);
    this.api.request('fleet.resize', { sessionId, cols: size.cols, rows: size.rows }).catch((err: unknown) => {
      this.sentSizes.delete(sessionId);
      this.fail(`Resize ${info.alias}`, err);
    });
  }

  private missedKeys(sessionIds: readonly string[], delivered: number): void {
    const { sessions } = this.store.getState();
    const notReady = sessionIds.filter((id) => sessions[id]?.state !== 'ready').map((id) => sessions[id]?.alias ?? id);
    const who = notReady.length > 0 ? `: ${notReady.join(', ')} not ready` : '';
    this.store.getState().reportError(`Keys reached ${delivered} of ${sessionIds.length} hosts${who}`);
  }

  fail(action: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.store.getState().reportError(`${action}: ${message}`);
  }
}
