// Issue 17: `gwb proxy --record` says at start that credential headers are masked in recordings
// (main/capture/capture-credentials.test.ts proves they are, and are forwarded unchanged).
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../main/recording/recording.testkit.js';
import { gwb } from './cli.testkit.js';

describe('gwb proxy --record', () => {
  it('says in its start line that credential values are masked in the recordings', async () => {
    const tmp = tempDir();
    const controller = new AbortController();
    let out = '';
    const run = gwb(
      [
        'proxy',
        '--listen',
        '127.0.0.1:0',
        '--target',
        '127.0.0.1:1',
        '-plaintext',
        '--record',
        tmp.dir,
      ],
      {
        signal: controller.signal,
        onStdout: (chunk) => {
          out += chunk;
          if (/listening on/.test(out)) controller.abort();
        },
      },
    );
    const ended = await run;
    tmp.remove();
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(
      /listening on .*recording to .* \(authorization, proxy-authorization, cookie, set-cookie values are masked in the recordings \(forwarded unchanged\)\)/,
    );
  });
});
