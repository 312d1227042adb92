// `files.pick` in the desktop app: the OS's own open dialog, attached to the main window, filtered
// to what the field wants (.proto files, descriptor sets, certificates) or choosing a folder.
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron';
import { FILE_EXTENSIONS } from '../../shared/contract/file-commands.js';
import type { Output, ParsedInput } from '../../shared/contract/types.js';

export type DialogApi = Pick<Dialog, 'showOpenDialog'>;
type Kind = ParsedInput<'files.pick'>['kind'];

/** Electron wants extensions without the dot. */
const withoutDots = (extensions: readonly string[]): string[] => extensions.map((e) => e.slice(1));

const FILTERS: Record<Exclude<Kind, 'folder'>, OpenDialogOptions['filters']> = {
  proto: [{ name: 'Protocol Buffers', extensions: withoutDots(FILE_EXTENSIONS.proto) }],
  descriptorSet: [
    { name: 'Descriptor sets', extensions: withoutDots(FILE_EXTENSIONS.descriptorSet) },
    { name: 'All files', extensions: ['*'] },
  ],
  certificate: [
    { name: 'Certificates and keys', extensions: withoutDots(FILE_EXTENSIONS.certificate) },
    { name: 'All files', extensions: ['*'] },
  ],
  data: [
    { name: 'Data files (CSV, JSON)', extensions: withoutDots(FILE_EXTENSIONS.data) },
    { name: 'All files', extensions: ['*'] },
  ],
};

const TITLES: Record<Kind, string> = {
  proto: 'Choose .proto files',
  descriptorSet: 'Choose descriptor sets',
  certificate: 'Choose a certificate file',
  data: 'Choose a data file',
  folder: 'Choose a folder',
};

/** The dialog's options for a `files.pick` request. */
export function openDialogOptions(input: ParsedInput<'files.pick'>): OpenDialogOptions {
  const properties: OpenDialogOptions['properties'] =
    input.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'];
  if (input.multiple) properties.push('multiSelections');
  return {
    title: TITLES[input.kind],
    properties,
    ...(input.kind === 'folder' ? {} : { filters: FILTERS[input.kind] }),
    ...(input.defaultPath !== undefined ? { defaultPath: input.defaultPath } : {}),
  };
}

/** The handler: modal to the main window when there is one. */
export function pickFilesWith(
  dialog: DialogApi,
  window: () => BaseWindow | undefined,
): (input: ParsedInput<'files.pick'>) => Promise<Output<'files.pick'>> {
  return async (input) => {
    const options = openDialogOptions(input);
    const parent = window();
    const r = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return { paths: r.canceled ? [] : r.filePaths, canceled: r.canceled };
  };
}
