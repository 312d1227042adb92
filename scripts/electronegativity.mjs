// Runs Electronegativity over app/ and renderer/ and fails on any HIGH or MEDIUM finding that is
// not in the reviewed allow-list (scripts/electronegativity-allow.json, a reason per entry).
// The tool itself exits 0 whatever it finds, so we read its CSV report.
//
// An entry allows one check in one file within a line range — not by sample text, which would let
// the same call copied anywhere in the file through. An entry that matches nothing fails the gate:
// the code it reviewed moved or went away, so the review must be redone.
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

const entryProblem = (entry) => {
  if (typeof entry.id !== 'string' || !/^[A-Z_]+$/.test(entry.id)) return 'id (the check name)';
  if (typeof entry.file !== 'string' || entry.file === '') return 'file';
  const [from, to, ...rest] = Array.isArray(entry.lines) ? entry.lines : [];
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || rest.length)
    return 'lines: [first, last] (1-based, first ≤ last)';
  if (entry.sample !== undefined) return 'no sample (entries match by line range)';
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) return 'a real reason';
  return undefined;
};
for (const entry of allowList) {
  const problem = entryProblem(entry);
  if (problem) {
    console.error(
      `electronegativity: allow-list entry ${JSON.stringify(entry)} needs ${problem} (scripts/electronegativity-allow.json)`,
    );
    process.exit(1);
  }
}

/** "12:4" → 12 (the tool reports line:column). */
const lineOf = (location) => Number.parseInt(location.split(':')[0] ?? '', 10);

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
      [
        // Its CSV header and rows are two concurrent writes; this puts them in order.
        '--require',
        join(root, 'scripts/electronegativity-serial-writes.cjs'),
        bin,
        '-i',
        join(work, 'src'),
        '-r',
        '-e',
        ELECTRON_VERSION,
        '-o',
        csv,
      ],
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
  const line = lineOf(f.location);
  const allowed = allowList.findIndex(
    (a) => a.id === f.id && a.file === f.file && line >= a.lines[0] && line <= a.lines[1],
  );
  if (allowed >= 0) used.add(allowed);
  const mark = allowed >= 0 ? 'allowed' : FAILING.has(f.severity) ? 'FAIL' : 'note';
  console.log(
    `${mark.padEnd(7)} ${f.severity.padEnd(11)} ${f.id} ${f.file}:${f.location} — ${f.description}`,
  );
  if (mark === 'FAIL') failures.push(f);
}
const stale = allowList.filter((_, i) => !used.has(i));
for (const a of stale)
  console.log(
    `STALE   allow-list entry matches no finding: ${a.id} ${a.file}:${a.lines[0]}-${a.lines[1]} — review the code again and update or remove it`,
  );
console.log(
  `electronegativity: ${findings.length} findings, ${failures.length} failing (HIGH/MEDIUM not allow-listed), ${stale.length} stale allow-list entries`,
);
process.exit(failures.length > 0 || stale.length > 0 ? 1 : 0);
