// gwb proxy's warning when the target offers no reflection says why in words ("connection
// refused"), not grpc-js's "UNAVAILABLE: No connection established. Last error: … Resolution note".
import { expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import { freePort } from '../../test/free-port.testkit.js';

it('says in words why the target gave no schema', async () => {
  const controller = new AbortController();
  let out = '';
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const target = `127.0.0.1:${await freePort()}`;
  const run = gwb(['proxy', '--listen', '127.0.0.1:0', '--target', target, '-plaintext'], {
    signal: controller.signal,
    onStdout: (chunk) => {
      out += chunk;
      if (/listening on/.test(out)) listening();
    },
  });
  await ready;
  controller.abort();
  const { stderr } = await run;
  expect(stderr).toContain(
    `gwb proxy: warning: no schema from reflection on ${target} (failed to connect: connection refused)`,
  );
  expect(stderr).not.toMatch(/Last error|Resolution note|ECONNREFUSED/);
});
