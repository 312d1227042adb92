// The event logs of calls live outside React state: a million events would make every state copy
// and comparison slow. The store only holds a version number per call, bumped once per frame.
import { CallLog } from '../timeline/callLog.js';

const logs = new Map<string, CallLog>();

export function logFor(callId: string): CallLog {
  let log = logs.get(callId);
  if (!log) {
    log = new CallLog();
    logs.set(callId, log);
  }
  return log;
}

export function peekLog(callId: string | null | undefined): CallLog | undefined {
  return callId ? logs.get(callId) : undefined;
}

export function dropLog(callId: string): void {
  logs.delete(callId);
}
