// One invoke channel and one event channel. Each message's sender must be the main window's main
// frame, showing our own app origin: a subframe, another window or a page that somehow navigated
// away cannot drive the engine.

import type { BrowserWindow, IpcMain, WebContents, WebFrameMain } from 'electron';
import type { Router } from '../../main/router/index.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/wire/bridge.js';
import type { ReplyEnvelope, EventEnvelope } from '../../shared/wire/envelope.js';
import { isAppUrl } from './security.js';

/** The parts of a frame the check reads (a real WebFrameMain is one). */
export type FrameView = Pick<WebFrameMain, 'processId' | 'routingId' | 'url'> & {
  parent: FrameView | null;
};
export type ContentsView = Pick<WebContents, 'isDestroyed' | 'send'> & { mainFrame: FrameView };
export type WindowView = Pick<BrowserWindow, 'isDestroyed'> & { webContents: ContentsView };
export type InvokeEventView = { sender: unknown; senderFrame: FrameView | null };
export type IpcMainApi = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function senderAllowed(event: InvokeEventView, window: WindowView | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  const main = window.webContents.mainFrame;
  // Compared by identity of the frame (process + routing id), not the wrapper object.
  return (
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId &&
    isAppUrl(frame.url)
  );
}

export function registerIpc(
  ipcMain: IpcMainApi,
  router: Pick<Router, 'dispatch'>,
  mainWindow: () => WindowView | undefined,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, envelope: unknown): Promise<ReplyEnvelope> => {
    if (!senderAllowed(event, mainWindow())) {
      return {
        t: 'error',
        id: null,
        code: 'forbidden',
        message: 'IPC from an unexpected frame was refused',
      };
    }
    return router.dispatch(envelope);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

export function sendEvent(window: WindowView | undefined, topic: string, payload: unknown): void {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
  const envelope: EventEnvelope = { t: 'event', topic, payload };
  window.webContents.send(IPC_EVENT_CHANNEL, envelope);
}
