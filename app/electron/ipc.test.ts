import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine/index.js';
import { createRouter, type Router } from '../../main/router/index.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/wire/bridge.js';
import { registerIpc, sendEvent } from './ipc.js';
import {
  StandInFrame,
  StandInIpcMain,
  StandInWebContents,
  StandInWindow,
} from './testing/electron-stand-in.js';

const call = { t: 'call', id: 1, name: 'host.capabilities', input: {} };
const refused = {
  t: 'error',
  id: null,
  code: 'forbidden',
  message: 'IPC from an unexpected frame was refused',
};

let dataDir: string;
let engine: Engine;
let router: Router;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gwb-ipc-'));
  engine = createEngine({
    dataDir,
    host: { kind: 'electron', version: '0.0.0-test', filePicker: true },
    emit: () => {},
  });
  router = createRouter(engine.handlers);
});
afterAll(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('IPC from the renderer', () => {
  let ipcMain: StandInIpcMain;
  let window: StandInWindow | undefined;
  beforeEach(() => {
    ipcMain = new StandInIpcMain();
    window = new StandInWindow({});
    window.webContents.mainFrame.url = 'gwb-app://app/index.html';
    registerIpc(ipcMain, router, () => window);
  });
  const fromMainFrame = () => ({
    sender: window!.webContents,
    senderFrame: window!.webContents.mainFrame,
  });

  it('answers the main window’s top frame showing the app', async () => {
    const reply = await ipcMain.invoke(IPC_INVOKE_CHANNEL, fromMainFrame(), call);
    expect(reply).toMatchObject({ t: 'result', id: 1, output: { host: 'electron' } });
  });

  it('refuses a subframe of the main window, even one showing the app origin', async () => {
    const main = window!.webContents.mainFrame;
    const sub = new StandInFrame('gwb-app://app/index.html', main, main.processId);
    const reply = await ipcMain.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: window!.webContents, senderFrame: sub },
      call,
    );
    expect(reply).toEqual(refused);
  });

  it('refuses another web contents (another window, a popup)', async () => {
    const other = new StandInWebContents('gwb-app://app/index.html');
    const reply = await ipcMain.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: other, senderFrame: other.mainFrame },
      call,
    );
    expect(reply).toEqual(refused);
  });

  it('refuses a top frame of the main window that is not the main frame (other routing id)', async () => {
    const stranger = new StandInFrame('gwb-app://app/index.html');
    const reply = await ipcMain.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: window!.webContents, senderFrame: stranger },
      call,
    );
    expect(reply).toEqual(refused);
  });

  it.each([
    'https://evil.example/',
    'gwb-app://other/index.html',
    'file:///etc/passwd',
    'about:blank',
    'not a url',
  ])('refuses the main frame once it shows %s', async (url) => {
    window!.webContents.mainFrame.url = url;
    const reply = await ipcMain.invoke(IPC_INVOKE_CHANNEL, fromMainFrame(), call);
    expect(reply).toEqual(refused);
  });

  it('refuses a message whose frame is gone, and any message once the window is closed', async () => {
    expect(
      await ipcMain.invoke(
        IPC_INVOKE_CHANNEL,
        { sender: window!.webContents, senderFrame: null },
        call,
      ),
    ).toEqual(refused);
    const from = fromMainFrame();
    window!.close();
    expect(await ipcMain.invoke(IPC_INVOKE_CHANNEL, from, call)).toEqual(refused);
    window = undefined;
    expect(await ipcMain.invoke(IPC_INVOKE_CHANNEL, from, call)).toEqual(refused);
  });

  it('unregisters its handler', () => {
    const other = new StandInIpcMain();
    const remove = registerIpc(other, router, () => window);
    expect(other.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    remove();
    expect(other.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});

describe('events to the renderer', () => {
  it('go on the event channel to a live window, and nowhere once it is closed', () => {
    const window = new StandInWindow({});
    sendEvent(window, 'call.events', { callId: 'c1' });
    expect(window.webContents.sent).toEqual([
      {
        channel: IPC_EVENT_CHANNEL,
        args: [{ t: 'event', topic: 'call.events', payload: { callId: 'c1' } }],
      },
    ]);
    window.close();
    sendEvent(window, 'call.events', {});
    sendEvent(undefined, 'call.events', {});
    expect(window.webContents.sent).toHaveLength(1);
  });
});
