// Runs sandboxed with context isolation. It exposes exactly two functions on `window.gwb`
// (app/electron/bridge.ts) and never ipcRenderer itself.

import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('gwb', createBridge(ipcRenderer));
