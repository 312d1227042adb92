// Making calls: a tab's draft is the document `call.start` sends (the engine substitutes variables
// and sends its messages in order); then send more, half-close, cancel. Event batches go into the
// call logs as they arrive; React hears about them at most once per frame. A call still running
// after a page reload is re-attached from its event log.
import type { StateCreator } from 'zustand';
import type { CallKind } from '../../shared/schema/model.js';
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import { sendsStream } from '../../shared/schema/methods.js';
import type { ResponseSummary } from '../../shared/session/session.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from './types.js';
import { dropLog, logFor } from './callLogs.js';
import { draftToSend, messageText, parseMessage, replaceTab, type Tab } from './tab.js';
import { methodOf, schemaOf, tabById } from './selectors.js';
import { refusedSend } from '../form/validate.js';
import type { CallLog } from '../timeline/callLog.js';

export interface CallInfo {
  callId: string;
  tabId: string;
  kind: CallKind;
  version: number;
  done: boolean;
  halfClosed: boolean;
  /** What went wrong with the composer's last message (shown beside it; gone with the call). */
  composerError: string | null;
  /** What the engine said about the call when it started (e.g. why it is not recorded). */
  notes?: readonly string[];
}

/** A send refused by the schema: the editor of that message moves focus to the refused field. */
export interface InvalidFocus {
  tabId: string;
  /** The prepared message's index, or the composer of the open stream. */
  message: number | 'composer';
}

export interface CallsSlice {
  /** Where focus should go after a blocked send; the editor that takes it clears it. */
  invalidFocus: InvalidFocus | null;
  takeInvalidFocus: () => void;
  /** Calls of open tabs by id (their event logs live in callLogs, outside React state). */
  calls: Record<string, CallInfo>;
  /**
   * Starts the tab's call. While the tab's previous call still runs, nothing is cancelled: the
   * tab is asked about (`newCallAsk`) unless `replaceRunning` says the user already agreed.
   */
  send: (tabId: string, opts?: { replaceRunning?: boolean }) => Promise<void>;
  /** The tab whose Send waits for the user to agree to stop its running call. */
  newCallAsk: string | null;
  /** The user keeps the running call: the new one is not started. */
  dismissNewCall: () => void;
  sendComposer: (tabId: string) => Promise<void>;
  endStream: (tabId: string) => Promise<void>;
  cancelCall: (tabId: string) => Promise<void>;
  releaseCall: (callId: string) => void;
  /** Follows a call the tab started before a page reload; a call that is gone is let go. */
  reattachCall: (tabId: string) => Promise<void>;
  /** Subscribes to call events; returns the unsubscribe. */
  listen: () => () => void;
}

/** At least this long between two refreshes of a live stream that has FIREHOSE_EVENTS or more. */
export const LIVE_REFRESH_MS = 50;
export const FIREHOSE_EVENTS = 5000;

const MAX_SUMMARY_MESSAGE = 64 * 1024;

/** What the response pane keeps of a finished call, so a restored tab is not blank. */
export function summarize(log: CallLog, endedAt: number): ResponseSummary {
  const status = log.status ?? {
    code: 2,
    codeName: 'UNKNOWN' as const,
    message: 'the call ended without a status',
  };
  return {
    code: status.code,
    codeName: status.codeName,
    message: status.message.slice(0, MAX_SUMMARY_MESSAGE),
    durationMs: Math.max(0, log.durationMs ?? 0),
    // Those a reopened history entry did not keep count too: the call received them.
    received: log.messageCount('received'),
    endedAt,
  };
}

/** The engine no longer has the schema this tab was loaded with. */
function isUnknownSchema(e: unknown, schemaId: string): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, details } = e as { code?: unknown; details?: unknown };
  return (
    code === 'not_found' &&
    typeof details === 'object' &&
    details !== null &&
    (details as { schemaId?: unknown }).schemaId === schemaId
  );
}

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
        let tabs = s.tabs;
        for (const id of ids) {
          const c = calls[id];
          if (!c) continue;
          const log = logFor(id);
          if (!c.done && log.done) {
            const lastResponse = summarize(log, Date.now());
            tabs = replaceTab(tabs, c.tabId, (t) => (t.callId === id ? { ...t, lastResponse } : t));
          }
          // The composer's error belongs to the open stream: it goes when the call ends.
          const composerError = log.done ? null : c.composerError;
          calls[id] = { ...c, version: log.version, done: log.done, composerError };
        }
        return { calls, tabs };
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
        !log.done && log.length >= FIREHOSE_EVENTS
          ? lastFlush + LIVE_REFRESH_MS - performance.now()
          : 0;
      if (wait > 0) setTimeout(() => deps.schedule(flush), wait);
      else deps.schedule(flush);
    };
    /**
     * The call's log in this page, whose older pages are let go of and read back from the engine
     * (`call.events`) when the timeline scrolls or filters there.
     */
    const callLog = (callId: string): CallLog => {
      const log = logFor(callId);
      if (!log.hasSource)
        log.setSource(
          (sinceSeq, limit) =>
            deps.client
              .invoke('call.events', { callId, sinceSeq, limit })
              .then((r) => r.events as CallEvent[]),
          () => touch(callId),
        );
      return log;
    };
    /** Reads the call's log from where ours ends, page by page. */
    const catchUp = async (callId: string): Promise<CallLog> => {
      const log = callLog(callId);
      for (;;) {
        const r = await deps.client.invoke('call.events', { callId, sinceSeq: log.length });
        log.append(r.events as CallEvent[]);
        if (!r.more) break;
      }
      return log;
    };
    const onEvents = (callId: string, events: readonly CallEvent[]): void => {
      const log = callLog(callId);
      const first = events[0];
      if (first && first.seq > log.length) {
        // A batch went missing (a reconnect): ask for what was missed, in order.
        void catchUp(callId)
          .then(() => touch(callId))
          .catch(() => undefined);
        return;
      }
      log.append(events);
      touch(callId);
    };
    const tabCall = (tabId: string): CallInfo | undefined => {
      const tab = tabById(get(), tabId);
      return tab?.callId ? get().calls[tab.callId] : undefined;
    };
    const patchTab = (tabId: string, patch: Partial<Tab>): void =>
      set((s) => ({ tabs: replaceTab(s.tabs, tabId, (t) => ({ ...t, ...patch })) }));
    const fail = (tabId: string, e: unknown): void =>
      patchTab(tabId, { sendError: errorMessage(e) });
    const setComposerError = (callId: string, composerError: string | null): void =>
      set((st) => {
        const c = st.calls[callId];
        return c && c.composerError !== composerError
          ? { calls: { ...st.calls, [callId]: { ...c, composerError } } }
          : {};
      });
    /** The composer's text as a message of the method's input type, or what is wrong with it. */
    const composerMessage = (tab: Tab): { value: JsonValue } | { problem: string } => {
      const parsed = parseMessage(tab.composer);
      if (!parsed.ok) return { problem: `The message is not valid JSON: ${parsed.error}` };
      const s = get();
      const schema = schemaOf(s, tab);
      const method = methodOf(s, tab);
      if (schema && method) {
        // The same check as the request editor's Send: values the schema refuses block it.
        const refused = refusedSend(schema, method.inputType, [parsed.value], 'composer');
        if (refused) {
          set({ invalidFocus: { tabId: tab.id, message: 'composer' } });
          return { problem: refused.problem };
        }
      }
      return { value: parsed.value };
    };

    return {
      calls: {},
      newCallAsk: null,
      invalidFocus: null,
      takeInvalidFocus: () => set({ invalidFocus: null }),
      dismissNewCall: () => set({ newCallAsk: null }),
      listen: () =>
        deps.client.subscribe('call.events', (p) => onEvents(p.callId, p.events as CallEvent[])),
      send: async (tabId, opts = {}) => {
        const s = get();
        const tab = tabById(s, tabId);
        if (!tab) return;
        patchTab(tabId, { sendError: null });
        if (s.newCallAsk === tabId) set({ newCallAsk: null });
        try {
          const method = methodOf(s, tab);
          if (!method || !tab.schemaId)
            throw new Error('Pick a method from the service tree first');
          const streams = sendsStream(method.kind);
          const prepared = draftToSend(tab, streams);
          if ('problem' in prepared) throw new Error(prepared.problem);
          // A unary or server-streaming call sends exactly one message.
          const request = streams
            ? prepared
            : { ...prepared, messages: prepared.messages.slice(0, 1) };
          if (request.messages.length === 0 && !streams) request.messages = [{}];
          // Never send what the form does not show: a value the schema refuses blocks the send
          // (the previous response stays), and its editor moves focus to the field.
          const schema = schemaOf(s, tab);
          const refused =
            schema &&
            refusedSend(schema, method.inputType, request.messages, streams ? 'stream' : 'request');
          if (refused) {
            set({ invalidFocus: { tabId, message: refused.index } });
            throw new Error(refused.problem);
          }
          const old = tabCall(tabId);
          // Never cancel silently: a running call is stopped only once the user said so.
          if (old && !old.done && !opts.replaceRunning) {
            set({ newCallAsk: tabId });
            return;
          }
          if (old && !old.done)
            await deps.client.invoke('call.cancel', { callId: old.callId }).catch(() => undefined);
          const start = (schemaId: string): Promise<{ callId: string; notes?: string[] }> =>
            deps.client.invoke('call.start', {
              schemaId,
              request,
              ...(tab.savedPath ? { requestPath: tab.savedPath } : {}),
              ...(tab.record !== undefined ? { record: tab.record } : {}),
              halfClose: false,
            });
          const schemaId = tab.schemaId;
          const { callId, notes } = await start(schemaId).catch(async (e: unknown) => {
            // Another tab reloaded this tab's source, and the engine let the old schema go: load
            // this tab's own source again and send once more, rather than fail a valid request.
            if (!isUnknownSchema(e, schemaId)) throw e;
            await get().loadSchema(tabId);
            const reloaded = tabById(get(), tabId)?.schemaId;
            if (!reloaded || reloaded === schemaId) throw e;
            return start(reloaded);
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
                composerError: null,
                ...(notes ? { notes } : {}),
              },
            },
            tabs: replaceTab(st.tabs, tabId, (t) => ({
              ...t,
              callId,
              // The composer starts from the last prepared message: the next one is often alike.
              ...(streams ? { composer: t.texts.at(-1) ?? messageText({}) } : {}),
            })),
          }));
          // The previous call's messages go only now: a start the engine refuses (an unknown
          // variable, say) leaves the previous response on screen.
          if (old) get().releaseCall(old.callId);
          // Events that came before we knew the call are in its log already: show them.
          if (log.length > 0) touch(callId);
        } catch (e) {
          fail(tabId, e);
        }
      },
      sendComposer: async (tabId) => {
        const call = tabCall(tabId);
        const tab = tabById(get(), tabId);
        if (!call || !tab) return;
        const message = composerMessage(tab);
        // A message the schema refuses is not sent: the field is marked in the editor and the
        // reason shown beside the composer.
        if ('problem' in message) return setComposerError(call.callId, message.problem);
        try {
          await deps.client.invoke('call.send', { callId: call.callId, message: message.value });
          setComposerError(call.callId, null);
        } catch (e) {
          setComposerError(call.callId, errorMessage(e));
        }
      },
      endStream: async (tabId) => {
        const call = tabCall(tabId);
        if (!call) return;
        try {
          await deps.client.invoke('call.halfClose', { callId: call.callId });
          set((st) => {
            const c = st.calls[call.callId];
            return c ? { calls: { ...st.calls, [call.callId]: { ...c, halfClosed: true } } } : {};
          });
        } catch (e) {
          setComposerError(call.callId, errorMessage(e));
        }
      },
      cancelCall: async (tabId) => {
        const call = tabCall(tabId);
        if (!call) return;
        try {
          await deps.client.invoke('call.cancel', { callId: call.callId });
        } catch (e) {
          // Beside the composer when the call has one; above the request otherwise.
          if (sendsStream(call.kind)) setComposerError(call.callId, errorMessage(e));
          else fail(tabId, e);
        }
      },
      releaseCall: (callId) => {
        dropLog(callId);
        set((st) => {
          const calls = { ...st.calls };
          delete calls[callId];
          const callChecks = { ...st.callChecks };
          delete callChecks[callId];
          return { calls, callChecks };
        });
        void deps.client.invoke('call.release', { callId }).catch(() => undefined);
      },
      reattachCall: async (tabId) => {
        const callId = tabById(get(), tabId)?.callId;
        if (!callId) return;
        try {
          const log = await catchUp(callId);
          const started = log.started;
          const kind =
            started?.type === 'started'
              ? started.kind
              : (methodOf(get(), tabById(get(), tabId))?.kind ?? 'unary');
          set((st) => ({
            calls: {
              ...st.calls,
              [callId]: {
                callId,
                tabId,
                kind,
                version: log.version,
                done: log.done,
                halfClosed: log.counts.half_closed > 0,
                composerError: null,
              },
            },
          }));
        } catch {
          // The engine no longer has the call (it ended long ago, or the engine restarted):
          // the tab keeps its last response summary.
          dropLog(callId);
          set((st) => ({
            tabs: replaceTab(st.tabs, tabId, (t) =>
              t.callId === callId ? { ...t, callId: null } : t,
            ),
          }));
        }
      },
    };
  };
