import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';
import { StandInShell } from './testing/electron-stand-in.js';

describe('the application menu', () => {
  it('is the standard roles, with the app menu on macOS only', () => {
    const roles = (platform: NodeJS.Platform) =>
      menuTemplate(platform, new StandInShell()).map((item) => item.role);
    expect(roles('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles('darwin')).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('its help link opens the gRPC docs in the system browser', () => {
    const shell = new StandInShell();
    const help = menuTemplate('linux', shell).find((item) => item.role === 'help')!;
    const [docs] = help.submenu as Electron.MenuItemConstructorOptions[];
    expect(docs!.label).toBe('gRPC documentation');
    docs!.click!({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
    expect(shell.opened).toEqual(['https://grpc.io/docs/']);
  });
});
