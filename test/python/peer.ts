import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { resourcePath } from '../../main/resources.js';

// Debian's interpreter has python3-grpcio; the pyenv `python3` on PATH does not.
export const PYTHON = '/usr/bin/python3';
const PROTOC = '/usr/bin/protoc';
const START_TIMEOUT_MS = 15_000;

export interface PythonPeer {
  port: number;
  /** `127.0.0.1:<port>`, ready for gwb or a grpc-js client. */
  target: string;
  close(): Promise<void>;
}

function googleProtosDir(): string {
  // google-proto-files ships google/rpc/*.proto; its package.json sits at the root of that tree.
  return path.dirname(createRequire(import.meta.url).resolve('google-proto-files/package.json'));
}

/** Generates the Python message modules (example_pb2, google.rpc.*_pb2) into `outDir`. */
async function generateModules(outDir: string): Promise<void> {
  const protos = resourcePath('protos');
  const google = googleProtosDir();
  await promisify(execFile)(PROTOC, [
    `--python_out=${outDir}`,
    `-I${protos}`,
    `-I${google}`,
    // Names relative to the include paths: resources/ may carry its own copy of google/rpc.
    'example.proto',
    'google/rpc/status.proto',
    'google/rpc/error_details.proto',
  ]);
}

/** Starts test/python/example_server.py on a free loopback port. */
export async function startPythonPeer(): Promise<PythonPeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwb-pypeer-'));
  try {
    await generateModules(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `protoc could not generate the Python modules: ${stderr.trim() || (error as Error).message}`,
      { cause: error },
    );
  }
  const script = path.join(import.meta.dirname, 'example_server.py');
  const child = spawn(PYTHON, [script, '0'], {
    env: { ...process.env, PYTHONPATH: dir, PYTHONUNBUFFERED: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`python peer did not start in ${START_TIMEOUT_MS} ms: ${stderr}`)),
      START_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^PORT (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`python peer exited with ${code} before listening: ${stderr}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${PYTHON}: ${error.message}`));
    });
  }).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });

  return { port, target: `127.0.0.1:${port}`, close: cleanup };
}
