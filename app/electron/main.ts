// The desktop shell's entry point: everything it does is in shell.ts (tested against a stand-in);
// this file only hands it the real Electron module and the bundle's paths.

// Before anything loads @bufbuild/protobuf (see the module).
import '../../main/platform/native-base64.js';
import * as electron from 'electron';
import { join } from 'node:path';
import { startShell } from './shell.js';

// The bundle lives in dist/electron; the built renderer beside it in dist/renderer.
startShell(electron, {
  rendererDir: join(import.meta.dirname, '..', 'renderer'),
  preload: join(import.meta.dirname, 'preload.cjs'),
  platform: process.platform,
});
