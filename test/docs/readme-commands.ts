// The README's `gwb` commands, as a reader would type them: every line of a ```sh block that starts
// with `npx gwb` or `gwb` (joined with its `\` continuation lines), and the exit code its comment
// documents (`# exit 69: …`; no such comment means 0).

export interface ReadmeCommand {
  /** The README line it came from (1-based), for failure messages. */
  line: number;
  /** The shell command without its comment, continuations joined. */
  command: string;
  /** The words after `gwb`, first one first: `serve`, `mock`, `-plaintext`, … */
  gwbArgs: string;
  comment: string;
  expectedExit: number;
  /** Runs until stopped (a server): started, awaited until ready, then stopped. */
  servesForever: boolean;
}

const SERVING_COMMANDS = new Set(['serve', 'mock', 'demo-server', 'proxy']);

/** Splits a shell line at its comment: the first `#` after a blank, outside quotes. */
export function splitComment(text: string): { command: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return { command: text.slice(0, i).trimEnd(), comment: text.slice(i + 1).trim() };
    }
  }
  return { command: text.trimEnd(), comment: '' };
}

/** `exit N` at the start of the comment documents a non-zero exit. */
export function expectedExit(comment: string): number {
  const match = /^exit (\d+)\b/.exec(comment);
  return match ? Number(match[1]) : 0;
}

export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let inFence = false;
  let inShell = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (/^```/.test(raw)) {
      inShell = !inFence && /^```(sh|bash|shell)\s*$/.test(raw);
      inFence = !inFence;
      continue;
    }
    if (!inShell) continue;
    const start = i;
    let text = raw;
    while (/\\\s*$/.test(splitComment(text).command) && i + 1 < lines.length) {
      text = `${splitComment(text).command.replace(/\\\s*$/, '')} ${(lines[++i] ?? '').trim()}`;
    }
    const { command, comment } = splitComment(text.trim());
    const match = /^(?:npx )?gwb(?:\s+(.*))?$/.exec(command);
    if (!match) continue;
    const gwbArgs = match[1] ?? '';
    commands.push({
      line: start + 1,
      command,
      gwbArgs,
      comment,
      expectedExit: expectedExit(comment),
      servesForever: SERVING_COMMANDS.has(gwbArgs.split(/\s+/)[0] ?? ''),
    });
  }
  return commands;
}
