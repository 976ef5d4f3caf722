import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAuthSlice } from './authSlice';
import { createBroadcastSlice } from './broadcastSlice';
import { createHostsSlice } from './hostsSlice';
import { createIncidentDetailsSlice } from './incidentDetailsSlice';
import { createIncidentSlice } from './incidentSlice';
import { createRunSlice } from './runSlice';
import { createScreensSlice } from './screensSlice';
import { createSessionsSlice } from './sessionsSlice';
import type { WarroomState } from './types';
import { createUiSlice } from './uiSlice';
import { createWriteupSlice } from './writeupSlice';

export type { WarroomState } from './types';
export type WarroomStore = StoreApi<WarroomState>;

/** One store of metadata; terminals themselves live in the registry, never here. */
export function createWarroomStore(): WarroomStore {
  return createStore<WarroomState>()((...a) => ({
    ...createHostsSlice(...a),
    ...createSessionsSlice(...a),
    ...createBroadcastSlice(...a),
    ...createIncidentSlice(...a),
    ...createIncidentDetailsSlice(...a),
    ...createUiSlice(...a),
    ...createAuthSlice(...a),
    ...createRunSlice(...a),
    ...createWriteupSlice(...a),
    ...createScreensSlice(...a),
  }));
}
