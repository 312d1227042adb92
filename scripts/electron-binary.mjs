// Where Electron's binary is, or why there is none. Electron's npm package holds only a launcher;
// its install script downloads the binary from a host some machines cannot reach (proxies,
// offline mirrors), so the package can be present without a binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The electron package's folder, or undefined when it is not installed. */
export function electronPackageDir(from = process.cwd()) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [from] }));
  } catch {
    return undefined;
  }
}

/** `{ binary }` when Electron can start, else `{ reason }` in a few words. */
export function findElectronBinary(from = process.cwd()) {
  const dir = electronPackageDir(from);
  if (dir === undefined) return { reason: 'the electron package is not installed' };
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: "Electron's binary was not downloaded" };
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `Electron's binary is missing (${binary})` };
  return { binary };
}
