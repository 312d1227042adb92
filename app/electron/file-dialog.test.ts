// files.pick in the desktop app: the page's request reaches the OS open dialog (the typed stand-in),
// modal to the main window, filtered to the field; a cancel chooses nothing. Hosts without a native
// dialog answer `unavailable`, which sends the page to its file browser.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_EXTENSIONS } from '../../shared/contract/file-commands.js';
import { fileMatches } from '../../main/files/list-directory.js';
import { IPC_INVOKE_CHANNEL } from '../../shared/wire/bridge.js';
import { createEngine } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import { startShell, type RunningShell } from './shell.js';
import { electronStandIn } from './testing/electron-stand-in.js';

const dirs: string[] = [];
const shells: RunningShell[] = [];
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function desktop() {
  const base = mkdtempSync(join(tmpdir(), 'gwb-dialog-'));
  dirs.push(base);
  const rendererDir = join(base, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>gwb</title>');
  // Not a first run: no demo server is started.
  mkdirSync(join(base, 'userData'), { recursive: true });
  writeFileSync(join(base, 'userData', 'first-run-done'), 'x');
  const electron = electronStandIn({ userData: join(base, 'userData') });
  const shell = startShell(electron, {
    rendererDir,
    preload: join(base, 'preload.cjs'),
    platform: 'linux',
  })!;
  shells.push(shell);
  electron.app.ready();
  await shell.started;
  const window = shell.window()!;
  const pick = (input: unknown) =>
    electron.ipcMain.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      { t: 'call', id: 1, name: 'files.pick', input },
    );
  return { electron, pick };
}

describe('files.pick', () => {
  it('opens the native dialog over the window, filtered to .proto files, several at once', async () => {
    const { electron, pick } = await desktop();
    electron.dialog.next = { canceled: false, filePaths: ['/p/a.proto', '/p/b.proto'] };
    const reply = await pick({ kind: 'proto', multiple: true, defaultPath: '/p' });
    expect(reply).toMatchObject({
      t: 'result',
      output: { paths: ['/p/a.proto', '/p/b.proto'], canceled: false },
    });
    expect(electron.dialog.opened).toEqual([
      {
        parent: true,
        options: {
          title: 'Choose .proto files',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Protocol Buffers', extensions: ['proto'] }],
          defaultPath: '/p',
        },
      },
    ]);
  });

  it('chooses a folder for an import path, and a cancel chooses nothing', async () => {
    const { electron, pick } = await desktop();
    electron.dialog.next = { canceled: true, filePaths: ['/ignored'] };
    expect(await pick({ kind: 'folder' })).toMatchObject({
      output: { paths: [], canceled: true },
    });
    expect(electron.dialog.opened[0]?.options.properties).toEqual([
      'openDirectory',
      'createDirectory',
    ]);
    expect(electron.dialog.opened[0]?.options.filters).toBeUndefined();
  });

  it('offers the same descriptor-set and certificate extensions as the file browser', async () => {
    const { electron, pick } = await desktop();
    electron.dialog.next = { canceled: true, filePaths: [] };
    await pick({ kind: 'descriptorSet' });
    await pick({ kind: 'certificate' });
    const offered = electron.dialog.opened.map((o) => o.options.filters?.[0]?.extensions);
    // Each extension the dialog offers is one the browser lists, and the other way round.
    const dotted = (names: string[] | undefined) => (names ?? []).map((e) => `.${e}`);
    expect(dotted(offered[0])).toEqual([...FILE_EXTENSIONS.descriptorSet]);
    expect(dotted(offered[1])).toEqual([...FILE_EXTENSIONS.certificate]);
    expect(offered[0]).toEqual(expect.arrayContaining(['protobin', 'dsc']));
    for (const name of ['a.protobin', 'a.dsc', 'a.binpb'])
      expect(fileMatches(name, 'descriptorSet'), name).toBe(true);
  });

  it('is validated at the boundary: an unknown kind never reaches the dialog', async () => {
    const { electron, pick } = await desktop();
    expect(await pick({ kind: 'everything' })).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(electron.dialog.opened).toEqual([]);
  });

  it('a host without a native dialog answers unavailable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gwb-dialog-web-'));
    dirs.push(dataDir);
    const engine = createEngine({ dataDir, host: { kind: 'web' }, emit: () => undefined });
    try {
      const reply = await createRouter(engine.handlers).invoke('files.pick', { kind: 'proto' });
      expect(reply).toMatchObject({ t: 'error', code: 'unavailable' });
    } finally {
      await engine.close();
    }
  });
});
