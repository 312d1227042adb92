import { describe, expect, it } from 'vitest';
import { GRPCURL_FLAGS, type FlagName } from '../../shared/grpcurl/index.js';
import { gwb } from './cli.testkit.js';
import { REPLAY_FLAGS } from './replay.js';
import { SAVED_RUN_FLAGS } from './saved-run.js';
import { SUBCOMMAND_ENTRIES } from './subcommands.js';

// Every command of gwb's own can be learnt from the terminal: -h/--help prints its usage (stdout,
// exit 0), and a mistake in its command line points at that help (stderr, exit 2, as grpcurl's
// usage errors).

/** Each command, and each with its sub-verb: help must work wherever the user asks for it. */
const HELP_ASKED: string[][] = [
  ...SUBCOMMAND_ENTRIES.map((c) => [c.name]),
  ['collection', 'ls'],
  ['request', 'run'],
  ['request', 'run', 'demo/get'],
  ['run', 'demo'],
  ['replay', 'some.ndjson', '-plaintext'],
  ['mock', 'some.ndjson'],
];

describe('gwb COMMAND --help', () => {
  it.each(HELP_ASKED)('%s … prints its usage with -h, -help and --help', async (...words) => {
    const entry = SUBCOMMAND_ENTRIES.find((c) => c.name === words[0])!;
    for (const flag of ['-h', '-help', '--help']) {
      const r = await gwb([...words, flag]);
      expect(r).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
      expect(r.stdout.startsWith(`Usage: gwb ${entry.usage}\n\n`)).toBe(true);
      expect(r.stdout).toContain('-h, --help');
    }
  });

  const flagLabel = (name: FlagName): string => {
    const def = GRPCURL_FLAGS[name] as { usage?: string };
    return def.usage ?? `-${name}`;
  };

  it('lists the call flags each connecting command takes, from the flag table', async () => {
    const replay = (await gwb(['replay', '--help'])).stdout;
    for (const name of REPLAY_FLAGS) expect(replay).toContain(`  ${flagLabel(name)}`);
    for (const command of ['request', 'run']) {
      const help = (await gwb([command, '--help'])).stdout;
      for (const name of SAVED_RUN_FLAGS) expect(help).toContain(`  ${flagLabel(name)}`);
    }
    // mock listens: it takes no call flags and says so.
    const mock = (await gwb(['mock', '--help'])).stdout;
    expect(mock).toContain('takes no call flags');
    expect(mock).not.toContain('-cacert');
  });

  it('documents --ignore paths with examples', async () => {
    const help = (await gwb(['replay', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("--ignore 'events[*].kv.modRevision'");
    expect(help).toContain("--ignore '**.modRevision'");
    expect(help).toContain('matches no field of either recording is named on stderr');
  });
});

describe('a mistake in a command line points at its help', () => {
  const MISTAKES: [string[], string][] = [
    [['serve', '--bogus'], 'unknown option -bogus'],
    [['serve', 'extra'], 'takes no arguments, got: extra'],
    [['demo-server', '--port', 'x'], '--port takes a number, not "x"'],
    [['collection'], 'unknown action (none)'],
    [['collection', 'ls', 'more'], 'ls takes no arguments, got: more'],
    [['request', 'run'], 'run needs COLLECTION/PATH'],
    [['request', 'run', 'a/b', '-max-time', 'soon'], 'invalid value "soon" for flag -max-time'],
    [['run'], 'needs a COLLECTION'],
    [
      ['run', 'demo', '--reporter', 'xml'],
      '--reporter is cli, junit, json, tap (NAME or NAME:FILE), not "xml"',
    ],
    [['replay'], 'needs a RECORDING file'],
    [['replay', 'a.ndjson', 'b.ndjson'], 'too many arguments: b.ndjson'],
    [['replay', 'a.ndjson', '-cacert'], 'flag needs an argument: -cacert'],
    [['mock'], 'needs at least one RECORDING or folder'],
    [['mock', 'a.ndjson', '--speed', 'fast'], '--speed is a number'],
  ];

  it.each(MISTAKES)('%j', async (args, what) => {
    const command = args[0]!;
    const r = await gwb(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, hint, ...rest] = r.stderr.split('\n');
    expect(first).toMatch(new RegExp(`^gwb ${command}: `));
    expect(first).toContain(what);
    expect(hint).toBe(`Try 'gwb ${command} --help' for more details.`);
    expect(rest).toEqual(['']);
  });
});
