/**
 * The sandboxed preload: one CommonJS bundle that exposes exactly the contract's WarroomApi as
 * `window.warroom` (built by shared/preloadApi.ts, where it can be tested without Electron).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { preloadApi } from '../shared/preloadApi';

contextBridge.exposeInMainWorld('warroom', preloadApi(ipcRenderer));
