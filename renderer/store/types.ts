import type { StateCreator } from 'zustand/vanilla';
import type { AuthSlice } from './authSlice';
import type { BroadcastSlice } from './broadcastSlice';
import type { HostsSlice } from './hostsSlice';
import type { IncidentDetailsSlice } from './incidentDetailsSlice';
import type { IncidentSlice } from './incidentSlice';
import type { RunSlice } from './runSlice';
import type { ScreensSlice } from './screensSlice';
import type { SessionsSlice } from './sessionsSlice';
import type { UiSlice } from './uiSlice';
import type { WriteupSlice } from './writeupSlice';

export type WarroomState = HostsSlice & SessionsSlice & BroadcastSlice & IncidentSlice & IncidentDetailsSlice & UiSlice & AuthSlice & RunSlice & WriteupSlice & ScreensSlice;

/** Each slice sees the whole state, as in zustand's slices pattern, but only creates its own part. */
export type Slice<T> = StateCreator<WarroomState, [], [], T>;
