// For tests of what a run does while a call is in flight: the test server holds a call's answer
// until a given file is read while a given request's call is in flight (the request after it made
// ready ahead), seen through a call observer and the workspace's file probe, not by stack text
// or by counting reads. The hold is bounded: a fallback that answers and leaves a message saying
// what never happened, for the test to fail on (not a silent reorder).
import type { CallObserverFactory } from '../engine/call-observer.js';
import { fileProbe } from '../workspace/store/json-file.js';

/** What releases a held answer: `file` read while request `during`'s call is in flight. */
export interface ReadWhileInFlight {
  file: string;
  during: string;
  /** What it means, in the test's words ("read b"): told to onHappened, said when it never came. */
  what: string;
}

interface Hold {
  read: ReadWhileInFlight;
  happened: boolean;
  /** The held answer, once the call has come and while it waits. */
  answer?: () => void;
}

export interface HeldAnswers {
  /** For startRunnerKit's observers: which requests' calls are in flight. */
  observer: CallObserverFactory;
  /** The answer to `key` (say, the message's text) is held until `read` happens (this test). */
  holdUntil(key: string, read: ReadWhileInFlight): void;
  /**
   * The server's answer to `key`: sent on a later turn, or once released when it is held (at the
   * bound at the latest). `forget()`: the call went away (cancelled), nothing is sent.
   */
  answer(key: string, send: () => void): { forget(): void };
  /** Why a held answer was sent by the fallback bound; undefined when none was. */
  heldTooLong(): string | undefined;
  /** Per test: no holds, no calls in flight, nothing held too long. */
  reset(): void;
  /** Stops watching the file probe. */
  close(): void;
}

export function startHeldAnswers(
  boundMs: number,
  /** Told each time a hold's read happens (to put it among the test's marks). */
  onHappened: (what: string) => void = () => undefined,
): HeldAnswers {
  const calling = new Set<string>();
  const holds = new Map<string, Hold>();
  let tooLong: string | undefined;

  fileProbe.onRead = (file) => {
    for (const hold of holds.values()) {
      if (hold.happened || file !== hold.read.file || !calling.has(hold.read.during)) continue;
      hold.happened = true;
      onHappened(hold.read.what);
      hold.answer?.();
    }
  };

  return {
    observer: (start) => {
      const name = start.requestPath;
      if (name === undefined) return undefined;
      calling.add(name);
      return {
        onEvent(event) {
          if (event.type === 'ended') calling.delete(name);
        },
      };
    },
    holdUntil(key, read) {
      holds.set(key, { read, happened: false });
    },
    answer(key, send) {
      const hold = holds.get(key);
      const held = hold !== undefined && !hold.happened;
      let done = false;
      const forget = (): void => {
        done = true;
        clearTimeout(bound);
        if (hold) delete hold.answer;
      };
      const once = (): void => {
        if (done) return;
        forget();
        send();
      };
      const bound = setTimeout(
        () => {
          if (held)
            tooLong ??= `"${key}" was held ${boundMs} ms and answered by the fallback: "${hold.read.what}" (${hold.read.file} read while ${hold.read.during} was in flight) never happened`;
          once();
        },
        held ? boundMs : 0,
      );
      if (held) hold.answer = once;
      return { forget };
    },
    heldTooLong: () => tooLong,
    reset() {
      holds.clear();
      calling.clear();
      tooLong = undefined;
    },
    close() {
      delete fileProbe.onRead;
    },
  };
}
