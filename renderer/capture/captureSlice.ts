// Capture (issue 17): a recording proxy the workbench starts in front of a server, the calls it
// sees listed live, and each captured call opened in the recording viewer (while it runs, too),
// opened as a request, replayed against the target with its diff, or added to the mock. The
// proxy, the recordings and the replay, diff and mock are the engine's (capture.*, recording.*,
// mock.*); this slice holds what the panel shows.
import type { StateCreator } from 'zustand';
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload, Output } from '../../shared/contract/types.js';
import type { Connection } from '../../shared/request/index.js';
import { plaintextConnection } from '../../shared/request/targets.js';
import { errorMessage } from '../api/client.js';
import { followOwnEvents, type FollowedEvents } from '../api/followOwnEvents.js';
import { peekLog } from '../store/callLogs.js';
import { activeTab } from '../store/selectors.js';
import { DEFAULT_ADDRESS } from '../store/tab.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { mergeCapturedCalls, type CapturedCall } from './capturedCalls.js';
import { requestFromRecording } from './requestFromRecording.js';

export type CaptureView = Output<'capture.start'>;
/** How soon the viewer reads a running call's recording again when the file lags its counts. */
export const FOLLOW_RETRY_MS = 200;
export interface ListenerTls {
  certFile: string;
  keyFile: string;
}

export interface CaptureSlice {
  /** The running capture and the target it was started with. */
  capture: { view: CaptureView; target: Connection } | null;
  /** Its calls, newest first. */
  capturedCalls: CapturedCall[];
  captureBusy: boolean;
  captureError: string | null;
  /** The target being edited; null: the active tab's server. */
  captureTarget: Connection | null;
  /** Serve TLS to clients with these files; null: plaintext h2c. */
  captureTls: ListenerTls | null;
  /** The captured call the actions below the list act on (the one opened in the viewer). */
  selectedCapturedId: string | null;
  setCaptureTarget: (patch: Partial<Connection>) => void;
  setCaptureTls: (tls: ListenerTls | null) => void;
  startCapture: (port: number) => Promise<void>;
  stopCapture: () => Promise<void>;
  /** After a reload: the capture the engine still runs, with its calls so far (it can be stopped). */
  restoreCapture: () => Promise<void>;
  /** Lists the shown capture's calls as they come (`capture.calls`); returns the stop. */
  listenCaptureCalls: () => () => void;
  openCapturedCall: (id: string) => Promise<void>;
  openCapturedAsRequest: (id: string) => Promise<void>;
  replayCapturedCall: (id: string) => Promise<void>;
  addCapturedToMock: (id: string) => Promise<void>;
}

/** The target the panel shows: the one edited, else the active tab's server. */
/**
 * One object, made once: a store selector must return the same value for the same state, or
 * React re-renders forever (with no tab open this default is what the Capture panel shows).
 */
const DEFAULT_TARGET: Connection = plaintextConnection(DEFAULT_ADDRESS);

export function effectiveCaptureTarget(s: WorkbenchState): Connection {
  return s.captureTarget ?? activeTab(s)?.draft.connection ?? DEFAULT_TARGET;
}

export const createCaptureSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], CaptureSlice> =>
  (set, get) => {
    const fail = (e: unknown): void => set({ captureError: errorMessage(e) });
    /** Where a captured call's replay and request go: the target it was captured in front of. */
    const targetOf = (): Connection => get().capture?.target ?? effectiveCaptureTarget(get());
    /** The active tab's loaded schema decodes the messages when the capture is in front of its server. */
    const tabSchemaFor = (target: Connection): string | undefined => {
      const tab = activeTab(get());
      return tab?.schemaStatus === 'ready' &&
        tab.schemaId !== null &&
        tab.draft.connection.address === target.address
        ? tab.schemaId
        : undefined;
    };

    // The call open in the viewer moved on: the viewer reads what it added. The counts can be
    // ahead of the file (it is flushed a little after), so it reads again until it has them all.
    let following = false;
    let followAgain = false;
    // Against what the viewer holds, not the summary: the engine reads the summary after the
    // page, so it can count messages the page did not have yet.
    const behind = (): boolean => {
      const open = get().openedRecording;
      const call = open && get().capturedCalls.find((c) => c.id === open.summary.id);
      const log = open && peekLog(open.logId);
      if (!open || !call || !log || open.firstSeq > 0 || open.nextSeq !== null) return false;
      return (
        log.counts.sent < call.sent ||
        log.counts.received < call.received ||
        (call.done && !log.done)
      );
    };
    async function followOpened(): Promise<void> {
      if (following) {
        followAgain = true;
        return;
      }
      following = true;
      try {
        do {
          followAgain = false;
          await get().followRecording();
        } while (followAgain);
      } finally {
        following = false;
      }
      if (behind()) setTimeout(() => void followOpened(), FOLLOW_RETRY_MS);
    }

    // A capture's first calls can come before capture.start (or capture.list after a reload)
    // answers its id: the one follower of a run's events keeps them until the id is known, then
    // lists only that capture's. The capture shown is followed until it is stopped.
    let followed: FollowedEvents | null = null;
    const followCalls = (): FollowedEvents =>
      followOwnEvents(deps.client, {
        topic: 'capture.calls',
        idOf: (batch) => batch.captureId,
        apply: applyBatch,
      });
    /** The capture `events` waited for is the one shown: its calls so far apply, then each batch. */
    function adopt(events: FollowedEvents, captureId: string): void {
      followed?.stop();
      followed = events;
      events.own(captureId);
    }
    function unfollow(): void {
      followed?.stop();
      followed = null;
    }
    function applyBatch(batch: EventPayload<'capture.calls'>): void {
      set((s) => ({ capturedCalls: mergeCapturedCalls(s.capturedCalls, batch.calls) }));
      const opened = get().openedRecording?.summary.id;
      if (opened !== undefined && batch.calls.some((c) => c.id === opened)) void followOpened();
    }

    return {
      capture: null,
      capturedCalls: [],
      captureBusy: false,
      captureError: null,
      captureTarget: null,
      captureTls: null,
      selectedCapturedId: null,
      setCaptureTarget: (patch) =>
        set((s) => ({ captureTarget: { ...effectiveCaptureTarget(s), ...patch } })),
      setCaptureTls: (captureTls) => set({ captureTls }),
      startCapture: async (port) => {
        if (get().capture || get().captureBusy) return;
        const target = effectiveCaptureTarget(get());
        const tls = get().captureTls;
        const schemaId = tabSchemaFor(target);
        set({ captureBusy: true, captureError: null });
        const events = followCalls();
        try {
          const view = await deps.client.invoke('capture.start', {
            port,
            target,
            ...(tls ? { tls } : {}),
            ...(schemaId !== undefined ? { schemaId } : {}),
          });
          set({ capture: { view, target }, capturedCalls: [], selectedCapturedId: null });
          adopt(events, view.captureId);
        } catch (e) {
          events.stop();
          fail(e);
        } finally {
          set({ captureBusy: false });
        }
      },
      stopCapture: async () => {
        const running = get().capture;
        if (!running) return;
        set({ captureBusy: true });
        try {
          await deps.client.invoke('capture.stop', { captureId: running.view.captureId });
          // The calls stay listed (their recordings stay) until the next capture starts.
          set({ capture: null, captureError: null });
          unfollow();
        } catch (e) {
          fail(e);
        } finally {
          set({ captureBusy: false });
        }
      },
      restoreCapture: async () => {
        const events = followCalls();
        try {
          const { captures } = await deps.client.invoke('capture.list', {});
          const running = captures[0];
          if (!running || get().capture) {
            events.stop();
            return;
          }
          const { calls, ...view } = running;
          // The target it was started with, not the active tab's server (which may be another).
          set({
            capture: { view, target: view.connection },
            capturedCalls: mergeCapturedCalls([], calls),
          });
          adopt(events, view.captureId);
        } catch (e) {
          events.stop();
          fail(e);
        }
      },
      listenCaptureCalls: () => {
        // The panel shows again a capture it stopped listening to: its calls from now on.
        const shown = get().capture;
        if (shown && !followed) adopt(followCalls(), shown.view.captureId);
        return unfollow;
      },
      openCapturedCall: async (id) => {
        set({ selectedCapturedId: id });
        await get().openRecording(id);
      },
      openCapturedAsRequest: async (id) => {
        try {
          const page = await deps.client.invoke('recording.read', { id, limit: 1000 });
          const doc = requestFromRecording(page.events as CallEvent[], targetOf(), id);
          const tabId = get().openDocument(doc);
          set({ captureError: null });
          await get().loadSchema(tabId);
        } catch (e) {
          fail(e);
        }
      },
      replayCapturedCall: async (id) => {
        await get().openCapturedCall(id);
        await get().replayRecording(id, 'max', [], targetOf());
      },
      addCapturedToMock: async (id) => {
        const serving = get().mock?.recordings ?? [];
        await get().startMock({ recordingIds: [...serving.filter((r) => r !== id), id] });
        if (get().mock?.recordings.includes(id))
          get().showToast(`The mock on port ${get().mock?.port} serves this call`);
      },
    };
  };
