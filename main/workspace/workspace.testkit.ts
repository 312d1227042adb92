import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestDocument } from '../../shared/request/document.js';

export function tempDir(prefix = 'gwb-ws-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under dir (recursively), as absolute paths. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...allFiles(full));
    else out.push(full);
  }
  return out;
}

export function filesContaining(dir: string, needle: string): string[] {
  return allFiles(dir).filter((f) => readFileSync(f, 'latin1').includes(needle));
}

export function sampleRequest(overrides: Partial<RequestDocument> = {}): RequestDocument {
  return {
    name: 'Get user',
    connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    messages: [{ id: '1' }],
    metadata: [{ key: 'x-trace', value: 'abc' }],
    deadlineMs: 5000,
    options: {},
    notes: 'Ada',
    ...overrides,
  };
}
