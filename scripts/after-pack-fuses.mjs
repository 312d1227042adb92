// electron-builder afterPack hook: flips the Electron fuses in the packaged binary, so a shipped
// app cannot be turned into a Node runtime or debugger and loads only its own integrity-checked
// app.asar. Runs before signing, which is why it is afterPack and not afterSign.
import path from 'node:path';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

/**
 * The fuses every packaged build gets. GrantFileProtocolExtraPrivileges is off: the app serves its
 * page from its own `gwb-app://` scheme (app/electron/app-protocol.ts) and never loads `file://`,
 * so `file://` pages need no privileges beyond a plain browser's. test/packaging checks this list.
 */
export const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  const binary =
    electronPlatformName === 'darwin' || electronPlatformName === 'mas'
      ? path.join(appOutDir, `${name}.app`)
      : electronPlatformName === 'win32'
        ? path.join(appOutDir, `${name}.exe`)
        : path.join(appOutDir, packager.executableName);
  // Arch.arm64 is 3 in electron-builder's enum; ad-hoc signatures must be redone after flipping.
  const armMac = electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: armMac,
    ...FUSES,
  });
  console.log(`  • fuses flipped in ${path.basename(binary)}`);
}
