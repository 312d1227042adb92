// The standard-role menu; its one link goes out through the same http(s)-only opener as the page's.

import type { MenuItemConstructorOptions } from 'electron';
import { openExternalSafely, type ShellApi } from './security.js';

export function menuTemplate(
  platform: NodeJS.Platform,
  shell: ShellApi,
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push(
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'gRPC documentation',
          click: () => openExternalSafely(shell, 'https://grpc.io/docs/'),
        },
      ],
    },
  );
  return template;
}
