// The fixed data the demo server answers from. A demo reachable over the network must never
// touch the real filesystem, so CheckFile looks names up in this virtual table instead.

export interface DemoUser {
  id: string;
  name: string;
  age: number;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: '1', name: 'Ada Lovelace', age: 36 },
  { id: '2', name: 'Alan Turing', age: 41 },
  { id: '3', name: 'Grace Hopper', age: 85 },
  { id: '42', name: 'Douglas Adams', age: 49 },
];

/** Sizes are strings: one of them is above 2^53 so clients can check int64 precision. */
export const DEMO_FILES: ReadonlyMap<string, string> = new Map([
  ['README.md', '1024'],
  ['notes.txt', '42'],
  ['empty.txt', '0'],
  ['data/huge.bin', '9007199254740993'],
]);

export const CHAT_BOT_NAME = 'Workbench';

export function chatGreeting(sender: string): string {
  return `Hello, ${sender.trim() === '' ? 'stranger' : sender}!`;
}

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** Tail sends one line per interval; an unset interval means once a second, a friendly pace. */
export const DEFAULT_TAIL_INTERVAL_MS = 1000;
export const MAX_TAIL_INTERVAL_MS = 60_000;
