import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { memorySecretStore, openWorkspace } from './index.js';
import { removeDir, tempDir } from './workspace.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('environments', () => {
  it('saves, lists (broken files with their error), resolves, renames and deletes', async () => {
    const secrets = memorySecretStore();
    const ws = openWorkspace(tempDir(), { secrets });
    dirs.push(ws.dir);
    await ws.environments.save({
      name: 'staging',
      variables: [
        { name: 'host', value: 'staging:443' },
        { name: 'off', value: 'x', enabled: false },
        { name: 'token', value: 's3cret', secret: true },
      ],
    });
    expect(readFileSync(path.join(ws.dir, 'environments', 'staging.json'), 'utf8')).toBe(
      '{\n  "version": 1,\n  "name": "staging",\n  "variables": [\n    {\n      "name": "host",\n      "value": "staging:443"\n    },\n    {\n      "name": "off",\n      "value": "x",\n      "enabled": false\n    },\n    {\n      "name": "token",\n      "secret": true\n    }\n  ]\n}\n',
    );
    const resolved = await ws.environments.resolve('staging');
    expect([...resolved.values]).toEqual([
      ['host', 'staging:443'],
      ['token', 's3cret'],
    ]);
    expect([...resolved.secretValues]).toEqual([['token', 's3cret']]);

    writeFileSync(
      path.join(ws.dir, 'environments', 'broken.json'),
      '{"version": 1, "name": "broken", "variables": [{"name": "1bad"}]}',
    );
    expect(ws.environments.list()).toEqual([
      {
        name: 'broken',
        error: expect.stringMatching(/broken\.json: variables\[0\]\.name: letters, digits/),
      },
      { name: 'staging' },
    ]);

    await ws.environments.rename('staging', 'stage');
    expect(await secrets.get('stage', 'token')).toBe('s3cret');
    expect(await secrets.get('staging', 'token')).toBeUndefined();
    expect(ws.environments.list().map((e) => e.name)).toEqual(['broken', 'stage']);
    await expect(
      ws.environments.save({
        name: 'dup',
        variables: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      }),
    ).rejects.toThrow(/variable a is defined twice/);
    await expect(ws.environments.save({ name: '../escape', variables: [] })).rejects.toThrow(
      /must not start with a dot|must not contain/,
    );
    await ws.environments.delete('stage');
    expect(await secrets.get('stage', 'token')).toBeUndefined();
    expect(() => ws.environments.read('stage')).toThrow(/no environment named "stage"/);
  });

  it('refuses to store a secret without a secret store', async () => {
    const ws = openWorkspace(tempDir());
    dirs.push(ws.dir);
    await expect(
      ws.environments.save({ name: 'x', variables: [{ name: 't', value: 'v', secret: true }] }),
    ).rejects.toThrow(/without a secret store/);
    expect(ws.environments.list()).toEqual([]);
  });
});
