// The UI benchmark (not a timed test): `npm run build && npx tsx e2e/bench/ui-bench.ts`.
// A 500k × ~50-byte server stream rendered live (frame intervals, long tasks, DOM node count),
// a 5 MB unary response painted (with the raw protobuf decode of the same message for reference),
// and switching between two tabs with 10k-message timelines.
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../fixtures/chromium.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { resourcePath } from '../../main/resources.js';
import { bigUser } from '../fixtures/fast-tail-server.js';
import { WorkbenchPage } from '../pages/workbench.js';
import { longTasksInTrace, probePhase } from './profile.js';

const STREAM = Number(process.env.BENCH_STREAM ?? 500_000);
const BIG = 5 * 1024 * 1024;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      probe: { frames: number[]; long: number[]; nodes: number[]; on: boolean };
    };
    w.probe = { frames: [], long: [], nodes: [], on: false };
    let last = performance.now();
    const tick = (now: number): void => {
      if (w.probe.on) {
        w.probe.frames.push(now - last);
        if (w.probe.frames.length % 30 === 0)
          w.probe.nodes.push(document.getElementsByTagName('*').length);
      }
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((l) => {
      if (w.probe.on) for (const e of l.getEntries()) w.probe.long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_HOST_PROFILE=dir: a CPU profile of the server process, written when it exits.
      ...(process.env.BENCH_HOST_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HOST_PROFILE}`]
        : []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./bench-host.ts', import.meta.url)),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`bench host exited with code ${code} before it started`)),
    );
  });
  const host = JSON.parse(first) as { url: string; grpcPort: number };
  const server = { port: host.grpcPort };
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    const wb = new WorkbenchPage(page);
    // tsx keeps function names with a helper that does not exist inside the page.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    // Notes when a big frame (the 5 MB response) reaches the page, to split its paint time into
    // engine + wire and the renderer's own part. A listener added first runs before the app's.
    await page.addInitScript({
      content: `{ const W = window.WebSocket; window.WebSocket = class extends W { constructor(...a) { super(...a); this.addEventListener('message', (e) => { if (typeof e.data === 'string' && e.data.length > 1e6) window.__bigFrameAt = performance.now(); }); } }; }`,
    });
    await page.goto(host.url);
    await wb.skipWelcome();
    await page.getByRole('button', { name: 'Connection settings…' }).click();
    const settings = page.getByRole('dialog', { name: 'Connection settings' });
    await settings.getByRole('textbox', { name: /Max message size/ }).fill('16');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await wb.loadByReflection(`127.0.0.1:${server.port}`);

    // 1. A big stream, live.
    await wb.openMethod('example.LogService', 'Tail');
    await wb.fill('source', 'bench-stream-padding-to-fifty-bytes:');
    await wb.fill('lines', String(STREAM));
    await installProbes(page);
    await page.evaluate(() => ((window as unknown as { probe: { on: boolean } }).probe.on = true));
    const streamProbe = await probePhase(page, 'stream', child.pid);
    // BENCH_TRACE=file records a Chromium trace of the live stream (open it in DevTools' Performance panel).
    if (process.env.BENCH_TRACE)
      await browser.startTracing(page, {
        path: process.env.BENCH_TRACE,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8',
          'blink.user_timing',
        ],
      });
    const t0 = Date.now();
    await wb.send();
    await wb.status.getByText('OK').waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - t0) / 1000;
    const streamCpu = await streamProbe.stop();
    if (process.env.BENCH_TRACE) await browser.stopTracing();
    const probe = await page.evaluate(() => {
      const w = window as unknown as {
        probe: { frames: number[]; long: number[]; nodes: number[]; on: boolean };
      };
      w.probe.on = false;
      return w.probe;
    });
    const count = await wb.receivedCount().textContent();
    console.log(
      `stream: ${count} messages in ${seconds.toFixed(1)} s (${Math.round(STREAM / seconds)} msg/s)`,
    );
    console.log(
      `  frame interval p50 ${pct(probe.frames, 50).toFixed(1)} ms, p99 ${pct(probe.frames, 99).toFixed(1)} ms, frames ${probe.frames.length}`,
    );
    console.log(
      `  long tasks: ${probe.long.length}, longest ${Math.round(Math.max(0, ...probe.long))} ms`,
    );
    console.log(`  DOM nodes: min ${Math.min(...probe.nodes)}, max ${Math.max(...probe.nodes)}`);
    console.log(streamCpu);
    if (process.env.BENCH_TRACE)
      console.log(longTasksInTrace(readFileSync(process.env.BENCH_TRACE, 'utf8')));

    // 2. A 5 MB unary response, and the raw decode of the same message.
    await wb.openMethod('example.UserService', 'GetUser');
    await wb.fill('id', `big:${BIG}`);
    const unaryProbe = await probePhase(page, 'unary', child.pid);
    const paint = await page.evaluate(async () => {
      const send = [...document.querySelectorAll('button')].find(
        (b) => b.textContent === 'Send',
      ) as HTMLButtonElement;
      const start = performance.now();
      send.click();
      await new Promise<void>((resolve) => {
        const check = (): void => {
          const editor = document.querySelector('[aria-label="Response JSON"]');
          if (editor && editor.textContent?.includes('"age"'))
            requestAnimationFrame(() => resolve());
          else requestAnimationFrame(check);
        };
        check();
      });
      const w = window as unknown as { __bigFrameAt?: number };
      return { total: performance.now() - start, arrived: (w.__bigFrameAt ?? NaN) - start };
    });
    const unaryCpu = await unaryProbe.stop();
    const root = await protobuf.load(resourcePath('protos', 'example.proto'));
    const User = root.lookupType('example.User');
    const bytes = User.encode(User.fromObject(bigUser(`big:${BIG}`))).finish();
    const d0 = performance.now();
    User.toObject(User.decode(bytes));
    const decodeMs = performance.now() - d0;
    console.log(
      `unary ${(bytes.length / 1024 / 1024).toFixed(1)} MB: painted in ${Math.round(paint.total)} ms after Send (the frame arrived after ${Math.round(paint.arrived)} ms) (raw protobufjs decode ${decodeMs.toFixed(1)} ms)`,
    );
    console.log(unaryCpu);

    // 3. Switching between two tabs with 10k-message timelines.
    await wb.openMethod('example.LogService', 'Tail');
    await wb.fill('lines', '10000');
    await wb.send();
    await wb
      .receivedCount()
      .filter({ hasText: /^10000$/ })
      .waitFor();
    await wb.method('Tail', 'example.LogService').click({ modifiers: ['ControlOrMeta'] });
    await wb.fill('lines', '10000');
    await wb.send();
    await wb
      .receivedCount()
      .filter({ hasText: /^10000$/ })
      .waitFor();
    const switches = await page.evaluate(async () => {
      const tabs = [
        ...document.querySelectorAll<HTMLElement>(
          '[role="tablist"][aria-label="Open requests"] [role="tab"]',
        ),
      ].filter((t) => t.textContent?.includes('Tail'));
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const tab = tabs[i % 2] as HTMLElement;
        const start = performance.now();
        tab.click();
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        times.push(performance.now() - start);
      }
      return times;
    });
    console.log(
      `tab switch (10k timelines): p50 ${pct(switches, 50).toFixed(1)} ms, max ${Math.max(...switches).toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin.end();
    await exited;
  }
}

await main();
