// Invalid expressions are found when a request is saved (request.save, request.saveAs) or read
// back from a hand-edited file (request.read), with the file, the field path and the position;
// a request without checks is saved exactly as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest, startEngineKit, type EngineKit } from '../engine/engine.testkit.js';

let kit: EngineKit;
let dir: string;

beforeAll(async () => {
  kit = startEngineKit();
  dir = (await kit.call('workspace.open', {})).dir;
});

afterAll(async () => {
  await kit.close();
});

const request = (extra: object = {}) => ({
  ...demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{ id: '1' }]),
  ...extra,
});
const fileOf = (path: string) => join(dir, 'collections', `${path}.grpc.json`);

async function errorOf(name: string, input: unknown): Promise<{ code: string; message: string }> {
  const reply = await kit.router.invoke(name, input);
  if (reply.t !== 'error') throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
  return reply;
}

const badChecks = {
  assertions: [
    { expr: 'status.code == 0' },
    { expr: 'response.age > 18' },
    { expr: 'status.code == 0 &&\n  response.age == ' },
  ],
  captures: [{ name: 'token', expr: 'respose.token' }],
};

describe('saving a request with checks', () => {
  it('refuses an invalid expression on save, naming the file, the field and the position', async () => {
    const error = await errorOf('request.save', {
      path: 'demo/bad',
      request: request(badChecks),
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(fileOf('demo/bad'));
    expect(error.message).toMatch(/assertions\[2\]\.expr at 2:16: syntax error near "=="/);
    expect(error.message).toMatch(/captures\[0\]\.expr at 1:1: unknown name "respose"/);
    expect(existsSync(fileOf('demo/bad'))).toBe(false);

    const asError = await errorOf('request.saveAs', {
      folder: 'demo',
      name: 'other',
      request: request(badChecks),
    });
    expect(asError.message).toContain(fileOf('demo/other'));
    expect(asError.message).toContain('assertions[2].expr at 2:16');
  });

  it('says which file, field and position when a hand-edited file holds a bad one', async () => {
    await kit.call('request.save', {
      path: 'demo/edited',
      request: request({ captures: [{ name: 'token', expr: 'response.token' }] }),
    });
    const file = fileOf('demo/edited');
    const text = readFileSync(file, 'utf8').replace('"response.token"', '"response.token +"');
    writeFileSync(file, text);
    const error = await errorOf('request.read', { path: 'demo/edited' });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/captures\[0\]\.expr at 1:16: syntax error/);
  });

  it('keeps a request without checks byte for byte, and one with checks stable on re-save', async () => {
    await kit.call('request.save', { path: 'demo/plain', request: request() });
    const plain = readFileSync(fileOf('demo/plain'), 'utf8');
    expect(plain).not.toContain('assertions');
    expect(plain).not.toContain('captures');
    const { version: _v, ...read } = (await kit.call('request.read', { path: 'demo/plain' }))
      .request;
    await kit.call('request.save', { path: 'demo/plain', request: read });
    expect(readFileSync(fileOf('demo/plain'), 'utf8')).toBe(plain);

    const checks = {
      assertions: [{ expr: 'status.code == 0', name: 'ok' }],
      captures: [{ name: 'token', expr: 'response.token', secret: true }],
    };
    // Given in another key order: the file has the schema's.
    await kit.call('request.save', { path: 'demo/checked', request: { ...checks, ...request() } });
    const checked = readFileSync(fileOf('demo/checked'), 'utf8');
    expect(Object.keys(JSON.parse(checked) as object).slice(-3)).toEqual([
      'notes',
      'assertions',
      'captures',
    ]);
    const { version: _w, ...again } = (await kit.call('request.read', { path: 'demo/checked' }))
      .request;
    expect(again).toMatchObject(checks);
    await kit.call('request.save', { path: 'demo/checked', request: again });
    expect(readFileSync(fileOf('demo/checked'), 'utf8')).toBe(checked);
  });

  it('bounds what a file may hold: 200 checks, 4 KiB expressions, variable names', async () => {
    const many = Array.from({ length: 201 }, () => ({ expr: 'true' }));
    expect(
      (await errorOf('request.save', { path: 'demo/many', request: request({ assertions: many }) }))
        .message,
    ).toMatch(/assertions/);
    const long = { assertions: [{ expr: `true${' '.repeat(5000)}` }] };
    expect(
      (await errorOf('request.save', { path: 'demo/long', request: request(long) })).message,
    ).toMatch(/longer than 4096/);
    const badName = { captures: [{ name: 'not a name', expr: 'true' }] };
    expect(
      (await errorOf('request.save', { path: 'demo/name', request: request(badName) })).message,
    ).toMatch(/must be a variable name/);
  });
});
