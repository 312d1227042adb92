// Making calls: start, send more, half-close, cancel. Event batches go into the call logs as they
// arrive; React hears about them at most once per frame.
import type { StateCreator } from 'zustand';
import type { CallKind } from '../../shared/schema/model.js';
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from './types.js';
import { findMethod } from './tabsSlice.js';
import { toConnection } from './connectionSlice.js';
import { parseRows } from './metadataRows.js';
import { dropLog, logFor } from './callLogs.js';
import { locateJson } from '../json/locate.js';
import { startWithEnvironment } from '../environments/startWithEnvironment.js';
import { recordOption } from '../recordings/recordingsSlice.js';

export interface CallInfo {
  callId: string;
  tabId: string;
  kind: CallKind;
  version: number;
  done: boolean;
  halfClosed: boolean;
}

export interface CallsSlice {
  calls: Record<string, CallInfo>;
  /** Why the last Send of a tab failed before the call started (bad JSON, bad metadata, …). */
  sendErrors: Record<string, string>;
  send: (tabId: string) => Promise<void>;
  sendComposer: (tabId: string) => Promise<void>;
  endStream: (tabId: string) => Promise<void>;
  cancelCall: (tabId: string) => Promise<void>;
  releaseCall: (callId: string) => void;
  /** Subscribes to call events; returns the unsubscribe. */
  listen: () => () => void;
}

function parseBody(text: string, what: string): JsonValue {
  try {
    return locateJson(text.trim() === '' ? '{}' : text).value;
  } catch (e) {
    throw new Error(`${what}: ${errorMessage(e)}`, { cause: e });
  }
}

function parseDeadline(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`Deadline: "${t}" is not a positive number of milliseconds`);
  return n;
}

/** At least this long between two refreshes of a live stream that has FIREHOSE_EVENTS or more. */
export const LIVE_REFRESH_MS = 50;
export const FIREHOSE_EVENTS = 5000;

export const createCallsSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], CallsSlice> =>
  (set, get) => {
    const dirty = new Set<string>();
    let scheduled = false;
    let lastFlush = -Infinity;
    const flush = (): void => {
      scheduled = false;
      lastFlush = performance.now();
      const ids = [...dirty];
      dirty.clear();
      set((s) => {
        const calls = { ...s.calls };
        for (const id of ids) {
          const c = calls[id];
          if (!c) continue;
          const log = logFor(id);
          calls[id] = { ...c, version: log.version, done: log.done };
        }
        return { calls };
      });
    };
    const touch = (callId: string): void => {
      dirty.add(callId);
      if (scheduled) return;
      scheduled = true;
      // A big live stream refreshes the view a few times a second rather than every frame:
      // nobody reads ten thousand lines a second, and each refresh costs a layout and a paint
      // that a busy two-core machine needs for input and scrolling. Small streams stay per frame.
      const log = logFor(callId);
      const wait =
        !log.done && log.events.length >= FIREHOSE_EVENTS
          ? lastFlush + LIVE_REFRESH_MS - performance.now()
          : 0;
      if (wait > 0) setTimeout(() => deps.schedule(flush), wait);
      else deps.schedule(flush);
    };
    const fillGap = async (callId: string): Promise<void> => {
      const log = logFor(callId);
      for (;;) {
        const r = await deps.client.invoke('call.events', { callId, sinceSeq: log.events.length });
        log.append(r.events as CallEvent[]);
        if (!r.more) break;
      }
      touch(callId);
    };
    const onEvents = (callId: string, events: readonly CallEvent[]): void => {
      const log = logFor(callId);
      const first = events[0];
      if (first && first.seq > log.events.length) {
        // A batch went missing (a reconnect): ask for what was missed, in order.
        void fillGap(callId).catch(() => undefined);
        return;
      }
      log.append(events);
      touch(callId);
    };
    const tabCall = (tabId: string): CallInfo | undefined => {
      const tab = get().tabs.find((t) => t.id === tabId);
      return tab?.callId ? get().calls[tab.callId] : undefined;
    };
    const fail = (tabId: string, e: unknown): void =>
      set((s) => ({ sendErrors: { ...s.sendErrors, [tabId]: errorMessage(e) } }));

    return {
      calls: {},
      sendErrors: {},
      listen: () =>
        deps.client.subscribe('call.events', (p) => onEvents(p.callId, p.events as CallEvent[])),
      send: async (tabId) => {
        const s = get();
        const tab = s.tabs.find((t) => t.id === tabId);
        set((st) => ({ sendErrors: { ...st.sendErrors, [tabId]: '' } }));
        try {
          if (!tab) throw new Error('no such tab');
          const method = findMethod(s.schema, tab.methodPath);
          if (!method || !s.schemaId) throw new Error('Pick a method from the service tree first');
          const body = parseBody(tab.body, 'Request JSON');
          const deadlineMs = parseDeadline(tab.deadline);
          const old = tabCall(tabId);
          if (old && !old.done)
            await deps.client.invoke('call.cancel', { callId: old.callId }).catch(() => undefined);
          if (old) get().releaseCall(old.callId);
          const streamsRequests = method.kind === 'client_stream' || method.kind === 'bidi_stream';
          // Tabs using {{variables}} are substituted by the engine (renderer/environments).
          const { callId, sentBody } = await startWithEnvironment(deps.client, get(), tabId, {
            schemaId: s.schemaId,
            method: method.path,
            connection: toConnection(s.connection),
            metadata: parseRows(tab.metadata),
            ...(deadlineMs ? { deadlineMs } : {}),
            ...(streamsRequests ? {} : { request: body }),
            ...recordOption(get(), tabId),
          });
          const log = logFor(callId);
          set((st) => ({
            calls: {
              ...st.calls,
              [callId]: {
                callId,
                tabId,
                kind: method.kind,
                version: log.version,
                done: log.done,
                halfClosed: false,
              },
            },
            tabs: st.tabs.map((t) =>
              t.id === tabId
                ? { ...t, callId, ...(streamsRequests ? { composer: t.body } : {}) }
                : t,
            ),
          }));
          if (streamsRequests && !sentBody)
            await deps.client.invoke('call.send', { callId, message: body });
        } catch (e) {
          fail(tabId, e);
        }
      },
      sendComposer: async (tabId) => {
        const call = tabCall(tabId);
        const tab = get().tabs.find((t) => t.id === tabId);
        if (!call || !tab) return;
        try {
          await deps.client.invoke('call.send', {
            callId: call.callId,
            message: parseBody(tab.composer, 'Message JSON'),
          });
          set((st) => ({ sendErrors: { ...st.sendErrors, [tabId]: '' } }));
        } catch (e) {
          fail(tabId, e);
        }
      },
      endStream: async (tabId) => {
        const call = tabCall(tabId);
        if (!call) return;
        try {
          await deps.client.invoke('call.halfClose', { callId: call.callId });
          set((st) => ({ calls: { ...st.calls, [call.callId]: { ...call, halfClosed: true } } }));
        } catch (e) {
          fail(tabId, e);
        }
      },
      cancelCall: async (tabId) => {
        const call = tabCall(tabId);
        if (!call) return;
        try {
          await deps.client.invoke('call.cancel', { callId: call.callId });
        } catch (e) {
          fail(tabId, e);
        }
      },
      releaseCall: (callId) => {
        dropLog(callId);
        set((st) => {
          const calls = { ...st.calls };
          delete calls[callId];
          return { calls };
        });
        void deps.client.invoke('call.release', { callId }).catch(() => undefined);
      },
    };
  };
