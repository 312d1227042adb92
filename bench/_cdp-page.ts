// A headless Chromium page driven through the bare DevTools protocol: only Target and Runtime.
// Playwright enables the Network domain on every page it drives, so Chromium copies every
// WebSocket frame's payload into a `Network.webSocketFrameReceived` event for the driver. That
// tax is no part of the product (no browser tab or Electron window of a user has a debugger
// attached), and a stream benchmark that pushes 60 MB through the socket would measure it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export interface CdpPage {
  /**
   * Evaluates an expression in the page, awaiting a promise, and returns its JSON value. Right
   * after opening, the page may still be loading: poll for what the page defines.
   */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface CdpReply {
  id?: number;
  result?: {
    result?: { value?: unknown };
    exceptionDetails?: { text?: string; exception?: { description?: string } };
  } & Record<string, unknown>;
  error?: { message: string };
}

function devtoolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (b: Buffer) => {
      text += b.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`chromium exited with ${code}: ${text.slice(-500)}`)),
    );
  });
}

export async function openCdpPage(
  executablePath: string,
  url: string,
  args: string[],
): Promise<CdpPage> {
  const profile = mkdtempSync(join(tmpdir(), 'gwb-bench-chromium-'));
  const child = spawn(
    executablePath,
    [
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...args,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const socket = new WebSocket(await devtoolsUrl(child), { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: CdpReply) => void>();
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as CdpReply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const send = (
    method: string,
    params: object,
    sessionId?: string,
  ): Promise<NonNullable<CdpReply['result']>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result ?? {});
      });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  const { targetId } = (await send('Target.createTarget', { url })) as { targetId: string };
  const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as {
    sessionId: string;
  };
  const evaluate = async <T>(expression: string): Promise<T> => {
    const result = await send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (result.exceptionDetails) {
      const d = result.exceptionDetails;
      throw new Error(`page: ${d.exception?.description ?? d.text ?? 'exception'}`);
    }
    return result.result?.value as T;
  };
  return {
    evaluate,
    async close() {
      socket.close();
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
      // Chromium's helper processes may still be writing to the profile as the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    },
  };
}
