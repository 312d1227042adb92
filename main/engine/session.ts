// The stored workbench session (open tabs, drafts, active tab) in `<dataDir>/session.json`, so a
// page reload or a restart brings the work back. Written atomically (temp file, fsync, rename);
// a file that does not parse or fit the schema is set aside, never deleted, and reported once.

import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import type { Output, ParsedInput } from '../../shared/contract/index.js';
import { describeSize, FILE_LIMITS } from '../platform/safe-read.js';
import { SessionSchema } from '../../shared/session/session.js';
import { writeFileAtomic } from '../workspace/store/atomic-write.js';
import { parseJsonText, readText, validate } from '../workspace/store/json-file.js';

export const SESSION_FILE = 'session.json';

export interface SessionStore {
  read(): Output<'session.read'>;
  write(input: ParsedInput<'session.write'>): Output<'session.write'>;
}

/** `2026-12-05T03-17-02-123Z`: a time that sorts and is a valid file name everywhere. */
function fileTime(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export function createSessionStore(dataDir: string): SessionStore {
  const file = path.join(dataDir, SESSION_FILE);

  /** Moves a broken file aside and says what was wrong with it and where it went. */
  function setAside(problem: string): Output<'session.read'> {
    const aside = `${file}.broken-${fileTime(new Date())}`;
    try {
      renameSync(file, aside);
    } catch (error) {
      return {
        session: null,
        problem: `${problem}. It could not be moved aside (${(error as Error).message}); it stays at ${file} and will be replaced when the session is next saved.`,
      };
    }
    return {
      session: null,
      problem: `${problem}. The file was moved to ${aside}; the workbench starts with no open tabs.`,
    };
  }

  return {
    read() {
      if (!existsSync(file)) return { session: null };
      let text: string;
      try {
        text = readText(file);
      } catch (error) {
        // Set aside too: left in place, the next save would replace the tabs it holds.
        return setAside(`The stored session could not be read: ${(error as Error).message}`);
      }
      let value: unknown;
      try {
        value = parseJsonText(text, file);
      } catch (error) {
        return setAside(`The stored session ${(error as Error).message}`);
      }
      try {
        return { session: validate(SessionSchema, value, file) };
      } catch (error) {
        return setAside(`The stored session does not fit its format: ${(error as Error).message}`);
      }
    },
    write(input) {
      const text = JSON.stringify(input.session);
      // Never store what could not be read back: the stored session stays as it was.
      const bytes = Buffer.byteLength(text);
      if (bytes > FILE_LIMITS.workspaceJson)
        throw new CommandError(
          'invalid_input',
          `the open tabs take ${describeSize(bytes)}, more than the ${describeSize(FILE_LIMITS.workspaceJson)} a session may hold, so they were not stored; save the tab with the largest message to a collection, or close it`,
        );
      writeFileAtomic(file, text);
      return { ok: true };
    },
  };
}
