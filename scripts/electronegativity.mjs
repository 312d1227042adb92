// Runs Electronegativity over app/ and renderer/ and fails on any HIGH or MEDIUM finding that is
// not in the reviewed allow-list (scripts/electronegativity-allow.json, a reason per entry).
// The tool itself exits 0 whatever it finds, so we read its CSV report.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ELECTRON_VERSION = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const FAILING = new Set(['HIGH', 'MEDIUM']);
const allowList = JSON.parse(
  readFileSync(join(root, 'scripts/electronegativity-allow.json'), 'utf8'),
);

for (const entry of allowList) {
  if (
    !entry.id ||
    !entry.file ||
    typeof entry.reason !== 'string' ||
    entry.reason.trim().length < 20
  ) {
    console.error(
      `electronegativity: allow-list entry ${JSON.stringify(entry)} needs id, file and a real reason`,
    );
    process.exit(1);
  }
}

/** RFC 4180-ish: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Scans app/ and renderer/ together: global checks (CSP, navigation limits) span both. */
function scan(dirs) {
  const work = mkdtempSync(join(tmpdir(), 'gwb-eng-'));
  try {
    for (const dir of dirs)
      cpSync(join(root, dir), join(work, 'src', dir), {
        recursive: true,
        filter: (p) => !p.includes('node_modules'),
      });
    const csv = join(work, 'report.csv');
    const bin = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const res = spawnSync(
      process.execPath,
      [bin, '-i', join(work, 'src'), '-r', '-e', ELECTRON_VERSION, '-o', csv],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (res.status !== 0 || !existsSync(csv)) {
      console.error(res.stdout, res.stderr);
      throw new Error(`electronegativity failed (exit ${res.status}) and wrote no report`);
    }
    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    const col = (name) => header.findIndex((h) => h.trim() === name);
    const names = [
      'issue',
      'severity',
      'confidence',
      'filename',
      'location',
      'sample',
      'description',
    ];
    const idx = Object.fromEntries(names.map((n) => [n, col(n)]));
    const get = (r, n) => (r[idx[n]] ?? '').trim();
    return rows.map((r) => ({
      id: get(r, 'issue'),
      severity: get(r, 'severity'),
      confidence: get(r, 'confidence'),
      file: get(r, 'filename'),
      location: get(r, 'location'),
      sample: get(r, 'sample'),
      description: get(r, 'description'),
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const findings = scan(['app', 'renderer'].filter((d) => existsSync(join(root, d))));
const used = new Set();
const failures = [];
for (const f of findings) {
  const allowed = allowList.findIndex(
    (a) => a.id === f.id && a.file === f.file && (!a.sample || f.sample.includes(a.sample)),
  );
  if (allowed >= 0) used.add(allowed);
  const mark = allowed >= 0 ? 'allowed' : FAILING.has(f.severity) ? 'FAIL' : 'note';
  console.log(
    `${mark.padEnd(7)} ${f.severity.padEnd(11)} ${f.id} ${f.file}:${f.location} — ${f.description}`,
  );
  if (mark === 'FAIL') failures.push(f);
}
allowList.forEach((a, i) => {
  if (!used.has(i))
    console.log(`stale   allow-list entry no longer matches anything: ${a.id} ${a.file}`);
});
console.log(
  `electronegativity: ${findings.length} findings, ${failures.length} failing (HIGH/MEDIUM not allow-listed)`,
);
process.exit(failures.length > 0 ? 1 : 0);
