// Mutation check (`npm run test:mutations`, a stage of `npm test`): each protection below is removed,
// one at a time, in a temporary copy of the sources, and the tests that guard it must then fail.
// A protection that can be removed with every test still green is not tested, whatever the
// coverage says. A mutation whose code is no longer found fails too: update it with the code.
//
// The copy is app/, main/, shared/ and the configs, with node_modules linked; the working tree is
// never touched, so a crash or Ctrl-C cannot leave a mutated file behind.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const ELECTRON = (name) => `app/electron/${name}.test.ts`;
const WEB = ['app/web/web-host.test.ts'];

/** name, why it matters, the edits (file, exact text, replacement), the test files that guard it. */
const MUTATIONS = [
  {
    name: 'IPC accepts any sender and subframe',
    edits: [
      [
        'app/electron/ipc.ts',
        `    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId &&`,
        `    frame !== null &&`,
      ],
    ],
    tests: [ELECTRON('ipc')],
  },
  {
    name: 'IPC sender check does not compare the frame with the main frame',
    edits: [
      [
        'app/electron/ipc.ts',
        `    frame.processId === main.processId &&
    frame.routingId === main.routingId &&`,
        '',
      ],
    ],
    tests: [ELECTRON('ipc')],
  },
  {
    name: 'IPC sender check ignores the frame’s origin',
    edits: [['app/electron/ipc.ts', ` &&\n    isAppUrl(frame.url)`, '']],
    tests: [ELECTRON('ipc')],
  },
  {
    name: 'IPC handler skips the sender check',
    edits: [['app/electron/ipc.ts', 'if (!senderAllowed(event, mainWindow())) {', 'if (false) {']],
    tests: [ELECTRON('ipc')],
  },
  {
    name: 'isAppUrl always true',
    edits: [
      [
        'app/electron/security.ts',
        'export function isAppUrl(url: string): boolean {',
        'export function isAppUrl(url: string): boolean {\n  return true;',
      ],
    ],
    tests: [ELECTRON('security'), ELECTRON('ipc')],
  },
  {
    name: 'openExternal with no scheme filter',
    edits: [
      [
        'app/electron/security.ts',
        "if (parsed.protocol === 'http:' || parsed.protocol === 'https:')",
        'if (parsed)',
      ],
    ],
    tests: [ELECTRON('security')],
  },
  {
    name: 'navigation allowed',
    edits: [
      [
        'app/electron/security.ts',
        "contents.on('will-navigate', (event, url) => {\n    event.preventDefault();",
        "contents.on('will-navigate', (event, url) => {",
      ],
    ],
    tests: [ELECTRON('security')],
  },
  {
    name: 'window.open allowed',
    edits: [
      ['app/electron/security.ts', "return { action: 'deny' };", "return { action: 'allow' };"],
    ],
    tests: [ELECTRON('security')],
  },
  {
    name: '<webview> allowed',
    edits: [
      [
        'app/electron/security.ts',
        "contents.on('will-attach-webview', (event) => event.preventDefault());",
        '',
      ],
    ],
    tests: [ELECTRON('security')],
  },
  {
    name: 'sandbox not enabled for every renderer',
    edits: [['app/electron/security.ts', 'app.enableSandbox();', '']],
    tests: [ELECTRON('security')],
  },
  {
    name: 'permission requests granted',
    edits: [['app/electron/security.ts', 'callback(false)', 'callback(true)']],
    tests: [ELECTRON('security')],
  },
  {
    name: 'session responses without the CSP',
    edits: [
      ['app/electron/security.ts', "'Content-Security-Policy': [CONTENT_SECURITY_POLICY],", ''],
    ],
    tests: [ELECTRON('security')],
  },
  {
    name: "CSP allows 'unsafe-eval' scripts",
    edits: [
      ['app/electron/security.ts', `"script-src 'self'",`, `"script-src 'self' 'unsafe-eval'",`],
    ],
    tests: [ELECTRON('csp')],
  },
  {
    name: "CSP without object-src 'none'",
    edits: [['app/electron/security.ts', `"object-src 'none'",`, '']],
    tests: [ELECTRON('csp')],
  },
  {
    name: 'app:// path-traversal checks removed',
    edits: [
      [
        'app/electron/app-protocol.ts',
        'if (!candidate.startsWith(root + sep) || !existsSync(candidate)) return undefined;',
        'if (!existsSync(candidate)) return undefined;',
      ],
      [
        'app/electron/app-protocol.ts',
        'if (!real.startsWith(root + sep) || !statSync(real).isFile()) return undefined;',
        'if (!statSync(real).isFile()) return undefined;',
      ],
    ],
    tests: [ELECTRON('app-protocol')],
  },
  {
    name: 'app:// follows symlinks out of the renderer folder',
    edits: [
      [
        'app/electron/app-protocol.ts',
        'if (!real.startsWith(root + sep) || !statSync(real).isFile()) return undefined;',
        'if (!statSync(real).isFile()) return undefined;',
      ],
    ],
    tests: [ELECTRON('app-protocol')],
  },
  {
    name: 'app:// responses without the CSP',
    edits: [
      [
        'app/electron/app-protocol.ts',
        "headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);",
        '',
      ],
    ],
    tests: [ELECTRON('app-protocol')],
  },
  {
    name: 'window without the sandbox',
    edits: [['app/electron/window.ts', '    sandbox: true,', '    sandbox: false,']],
    tests: [ELECTRON('window')],
  },
  {
    name: 'window without context isolation',
    edits: [['app/electron/window.ts', 'contextIsolation: true,', 'contextIsolation: false,']],
    tests: [ELECTRON('window')],
  },
  {
    name: 'preload hands ipcRenderer to the page',
    edits: [
      [
        'app/electron/bridge.ts',
        '  return {\n    invoke(',
        '  return {\n    ipcRenderer,\n    invoke(',
      ],
    ],
    tests: [ELECTRON('bridge')],
  },
  {
    name: 'shell starts without hardening the app',
    edits: [['app/electron/shell.ts', '  hardenApp(app, electron.shell);', '']],
    tests: [ELECTRON('shell')],
  },
  {
    name: 'shell starts without hardening the session',
    edits: [['app/electron/shell.ts', '    hardenSession(electron.session.defaultSession);', '']],
    tests: [ELECTRON('shell')],
  },
  {
    name: 'web host accepts any token',
    edits: [
      [
        'app/web/security.ts',
        'export function tokensEqual(given: string | undefined, token: string): boolean {',
        'export function tokensEqual(given: string | undefined, token: string): boolean {\n  return true;',
      ],
    ],
    tests: WEB,
  },
  {
    name: 'web host accepts any Origin',
    edits: [
      [
        'app/web/security.ts',
        'export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {',
        'export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {\n  return true;',
      ],
    ],
    tests: WEB,
  },
  {
    name: 'web host accepts any Host header (DNS rebinding)',
    edits: [
      [
        'app/web/security.ts',
        'export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {',
        'export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {\n  return true;',
      ],
    ],
    tests: WEB,
  },
];

const COPIED = ['app', 'main', 'shared', 'package.json', 'vitest.config.ts', 'tsconfig.json'];
// Read, never mutated: linked rather than copied (protos for the demo server, fixtures).
const LINKED = ['node_modules', 'resources', 'test', 'renderer'];

function copyTree() {
  const dir = mkdtempSync(join(tmpdir(), 'gwb-mutations-'));
  for (const entry of COPIED)
    cpSync(join(root, entry), join(dir, entry), {
      recursive: true,
      filter: (p) => !p.includes('node_modules'),
    });
  for (const entry of LINKED)
    if (existsSync(join(root, entry))) symlinkSync(join(root, entry), join(dir, entry));
  return dir;
}

/** Runs vitest on `files` in `dir`; resolves with the JSON report (undefined if vitest wrote none). */
function runTests(dir, files) {
  const report = join(dir, '.vitest-report.json');
  rmSync(report, { force: true });
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=json',
      `--outputFile=${report}`,
      ...files,
    ],
    { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  return new Promise((resolve) =>
    child.on('close', () => {
      clearTimeout(timer);
      resolve(
        existsSync(report)
          ? { report: JSON.parse(readFileSync(report, 'utf8')), output: '' }
          : { report: undefined, output },
      );
    }),
  );
}

function failedTitles(report) {
  return report.testResults.flatMap((file) =>
    file.assertionResults.filter((t) => t.status === 'failed').map((t) => t.fullName),
  );
}

/** Applies one mutation in `dir`, runs its tests, restores the files; returns a verdict line. */
async function tryMutation(dir, mutation) {
  const originals = new Map();
  try {
    for (const [file, find, replace] of mutation.edits) {
      const path = join(dir, file);
      const current = readFileSync(path, 'utf8');
      if (!originals.has(file)) originals.set(file, current);
      if (!current.includes(find))
        return {
          ok: false,
          line: `STALE     ${mutation.name}: no longer found in ${file}:\n${find}`,
        };
      writeFileSync(path, current.replace(find, replace));
    }
    const t0 = Date.now();
    const { report, output } = await runTests(dir, mutation.tests);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    // Killed only by a failing test: a file that no longer loads proves nothing.
    const failed = report ? failedTitles(report) : [];
    if (failed.length > 0)
      return { ok: true, line: `killed    ${mutation.name} (${seconds}s) — ${failed[0]}` };
    return {
      ok: false,
      line: `SURVIVED  ${mutation.name} (${seconds}s): no test failed${report ? '' : `\n${output}`}`,
    };
  } finally {
    for (const [file, text] of originals) writeFileSync(join(dir, file), text);
  }
}

// Two copies side by side: each vitest run is mostly start-up, so two at once halve the wait.
const JOBS = Math.max(1, Number(process.env.GWB_MUTATION_JOBS ?? 2));
const started = Date.now();
const dirs = Array.from({ length: JOBS }, copyTree);
let broken = 0;
try {
  // The unmutated copy must pass, or a "killed" mutation would mean nothing.
  const allFiles = [...new Set(MUTATIONS.flatMap((m) => m.tests))];
  const baseline = await runTests(dirs[0], allFiles);
  if (!baseline.report || baseline.report.numFailedTests > 0 || !baseline.report.success) {
    console.error(baseline.output);
    if (baseline.report)
      for (const file of baseline.report.testResults)
        for (const t of file.assertionResults.filter((a) => a.status === 'failed'))
          console.error(`${t.fullName}\n  ${(t.failureMessages[0] ?? '').split('\n')[0]}`);
    throw new Error('the unmutated tests do not pass in the copy; fix them first');
  }
  const queue = [...MUTATIONS];
  await Promise.all(
    dirs.map(async (dir) => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const verdict = await tryMutation(dir, m);
        if (!verdict.ok) broken++;
        console.log(verdict.line);
      }
    }),
  );
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
const total = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `mutations: ${MUTATIONS.length - broken} of ${MUTATIONS.length} caught by a failing test (${total}s)`,
);
process.exit(broken > 0 ? 1 : 0);
