import { COMMAND_NAMES, type Output } from '../../shared/contract/index.js';

export interface HostInfo {
  kind: 'electron' | 'web' | 'cli' | 'test';
  /** App version; defaults to the package version known at build time. */
  version?: string;
  /** The Electron shell can show native file pickers; a browser page cannot give us paths. */
  filePicker?: boolean;
}

export const ENGINE_VERSION = '0.1.0';

export function capabilities(host: HostInfo): Output<'host.capabilities'> {
  return {
    host: host.kind,
    version: host.version ?? ENGINE_VERSION,
    platform: process.platform,
    filePicker: host.filePicker ?? false,
    commands: [...COMMAND_NAMES],
  };
}
