// Recordings (issue 6): the per-tab Record choice, the list of recordings, the one opened in the
// timeline viewer (paged from the engine, never loaded whole), replay + diff, and a mock server
// with the calls it served.
import type { StateCreator } from 'zustand';
import type { CallKind } from '../../shared/schema/model.js';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Connection } from '../../shared/request/index.js';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import { dropLog, logFor, peekLog } from '../store/callLogs.js';
import { activeTab } from '../store/selectors.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { addMockCalls, EMPTY_MOCK_CALLS, type MockCallList } from './mockCalls.js';
import { rememberedPort } from '../layout/ports.js';
import { createFindActions, NO_FIND, type FindActions, type RecordingFind } from './findActions.js';

export type RecordingSummary = Output<'recording.list'>['recordings'][number];
export type DiffView = Output<'recording.diff'>['diff'];
export type ReplaySpeedChoice = 'original' | 'max' | `x${number}`;
export type MockView = Output<'mock.start'>;

/** Events fetched per page: a page is one round trip, and the viewer holds only what was fetched. */
export const PAGE = 2000;
/** Events loaded before a find hit, so it shows with what led to it. */
export const CONTEXT = 100;
/** Differing messages shown side by side per page. */
export const DIFF_PAGE = 20;

export interface OpenRecording {
  summary: RecordingSummary;
  /** Key of the call log the timeline shows (a log outside any call). */
  logId: string;
  /** Seq of the next page, null at the end. */
  nextSeq: number | null;
  /** Bumped on every page, so the timeline redraws. */
  version: number;
  /** Seq of the first event loaded (a window read from the middle starts past 0). */
  firstSeq: number;
  /** Seq of an event to scroll to and select (the find hit shown). */
  reveal?: number;
}

/** Where a page is read from: a seq or a time; `reveal` marks the event to show. */
export interface PageFrom {
  fromSeq?: number;
  fromT?: number;
}

export interface RecordingsSlice extends FindActions {
  /** Find in the opened recording: the engine's count and the hit shown. */
  recordingFind: RecordingFind;
  recordings: RecordingSummary[];
  recordingsScope: 'method' | 'all';
  recordingsError: string | null;
  openedRecording: OpenRecording | null;
  replayBusy: boolean;
  /** The last replay's new recording id, its diff (one page of differing messages) and the ignore paths. */
  replayResult: { replayId: string; sourceId: string; diff: DiffView; ignore: string[] } | null;
  /** True while a page of the diff is being fetched. */
  diffBusy: boolean;
  mock: MockView | null;
  /** The calls the running mock served, newest first (cleared when it stops or another starts). */
  mockCalls: MockCallList;
  setRecordingsScope: (scope: 'method' | 'all') => Promise<void>;
  loadRecordings: () => Promise<void>;
  openRecording: (id: string) => Promise<void>;
  closeRecording: () => void;
  loadMoreRecording: () => Promise<void>;
  /** Reads what a recording still being written (a captured call) has added since it was opened. */
  followRecording: () => Promise<void>;
  /** Reloads the viewer starting at a time (ms from the start of the call). */
  jumpRecording: (t: number) => Promise<void>;
  exportRecording: (
    id: string,
    format: 'ndjson' | 'json',
  ) => Promise<{ fileName: string; text: string } | null>;
  importRecording: (text: string) => Promise<void>;
  deleteRecording: (id: string) => Promise<void>;
  /** Replays against `connection`, else the active tab's server (the recording's own otherwise). */
  replayRecording: (
    id: string,
    speed: ReplaySpeedChoice,
    ignore: string[],
    connection?: Connection,
  ) => Promise<void>;
  rediffRecording: (ignore: string[]) => Promise<void>;
  /** Shows the differing messages from the `from`th (0-based) on. */
  pageDiff: (from: number) => Promise<void>;
  /** Serves one recording, or every recording of a method (each call gets the one its request matches). */
  startMock: (
    what: { recordingId: string } | { recordingIds: string[] } | { method: string },
  ) => Promise<void>;
  stopMock: () => Promise<void>;
  /** Follows the running mock's `mock.calls` events; returns the unsubscribe. */
  listenMockCalls: () => () => void;
}

export function recordDefault(kind: CallKind | undefined): boolean {
  return kind !== undefined && kind !== 'unary';
}

export function speedOf(choice: ReplaySpeedChoice): number | 'max' {
  if (choice === 'max') return 'max';
  if (choice === 'original') return 1;
  return Number(choice.slice(1));
}

export const createRecordingsSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], RecordingsSlice> =>
  (set, get) => {
    let generation = 0;
    let logSerial = 0;
    const fail = (e: unknown): void => set({ recordingsError: errorMessage(e) });
    const activeMethod = (): string | null => activeTab(get())?.draft.method || null;

    /**
     * The log's pages let go of (a long recording, a captured call followed while it runs) are read
     * back from the recording, as a call's are from the engine: the viewer never holds it whole.
     */
    function readBackFrom(id: string, logId: string): void {
      logFor(logId).setSource(
        async (fromSeq, limit) => {
          const page = await deps.client.invoke('recording.read', { id, fromSeq, limit });
          return page.events as CallEvent[];
        },
        () => {
          const open = get().openedRecording;
          if (open?.logId === logId)
            set({ openedRecording: { ...open, version: open.version + 1 } });
        },
      );
    }

    async function showPage(
      id: string,
      from: PageFrom,
      append: boolean,
      reveal?: number,
      stillWanted: () => boolean = () => true,
    ): Promise<void> {
      const page = await deps.client.invoke('recording.read', { id, limit: PAGE, ...from });
      if (!stillWanted()) return;
      const prev = get().openedRecording;
      let logId = prev?.logId;
      let firstSeq = prev?.firstSeq ?? 0;
      if (!append || !logId) {
        if (prev) dropLog(prev.logId);
        logId = `recording-${++logSerial}`;
        firstSeq = page.events[0]?.seq ?? 0;
        // A window from the middle: the log starts there, numbering messages as the recording does.
        if (firstSeq > 0) logFor(logId).startAt(firstSeq, page.before);
        readBackFrom(id, logId);
      }
      logFor(logId).append(page.events as CallEvent[]);
      set({
        openedRecording: {
          summary: page.recording,
          logId,
          nextSeq: page.nextSeq,
          version: (prev?.version ?? 0) + 1,
          firstSeq,
          ...(reveal !== undefined ? { reveal } : {}),
        },
        recordingsError: null,
      });
    }

    // The window shown is the latest ask's (open, jump, reveal a hit, close): clicking captured
    // call A then B, A's page answering last must not show A while B is the one selected.
    let viewGeneration = 0;
    /** Shows a new window of `id`, unless a newer ask for a window came since. */
    function showLatestWindow(id: string, from: PageFrom, reveal?: number): Promise<void> {
      const mine = ++viewGeneration;
      return showPage(id, from, false, reveal, () => mine === viewGeneration);
    }
    /** Shows the event `seq`: in the window loaded, or in a new window read around it. */
    async function revealEvent(seq: number): Promise<void> {
      const open = get().openedRecording;
      if (!open) return;
      const log = peekLog(open.logId);
      if (log && seq >= open.firstSeq && seq < log.length) {
        // Quick next/next: the window of an older hit must not arrive after this one is shown.
        viewGeneration++;
        set({ openedRecording: { ...open, reveal: seq } });
        return;
      }
      await showLatestWindow(open.summary.id, { fromSeq: Math.max(0, seq - CONTEXT) }, seq);
    }

    // The replay result shown is the latest replay's or diff page's asked for, and none once
    // another recording is opened: a slower earlier answer (a diff page still on its way when a
    // new replay answers, a replay of the recording left) never replaces it.
    let resultGeneration = 0;
    async function diffPage(
      last: NonNullable<RecordingsSlice['replayResult']>,
      messagesFrom: number,
    ): Promise<void> {
      const mine = ++resultGeneration;
      set({ diffBusy: true });
      try {
        const { diff } = await deps.client.invoke('recording.diff', {
          a: last.sourceId,
          b: last.replayId,
          ignore: last.ignore,
          messagesFrom,
          messagesLimit: DIFF_PAGE,
        });
        if (mine === resultGeneration)
          set({ replayResult: { ...last, diff }, recordingsError: null });
      } catch (e) {
        if (mine === resultGeneration) fail(e);
      } finally {
        if (mine === resultGeneration) set({ diffBusy: false });
      }
    }

    return {
      ...createFindActions(deps, set, get, revealEvent),
      recordingFind: NO_FIND,
      diffBusy: false,
      recordings: [],
      recordingsScope: 'method',
      recordingsError: null,
      openedRecording: null,
      replayBusy: false,
      replayResult: null,
      mock: null,
      mockCalls: EMPTY_MOCK_CALLS,
      setRecordingsScope: async (recordingsScope) => {
        set({ recordingsScope });
        await get().loadRecordings();
      },
      loadRecordings: async () => {
        const mine = ++generation;
        const method = get().recordingsScope === 'method' ? activeMethod() : null;
        try {
          const { recordings } = await deps.client.invoke(
            'recording.list',
            method ? { method } : {},
          );
          if (mine === generation) set({ recordings, recordingsError: null });
        } catch (e) {
          if (mine === generation) fail(e);
        }
      },
      openRecording: async (id) => {
        try {
          get().clearFind();
          resultGeneration++;
          set({ replayResult: null, replayBusy: false, diffBusy: false });
          await showLatestWindow(id, { fromSeq: 0 });
        } catch (e) {
          fail(e);
        }
      },
      closeRecording: () => {
        const prev = get().openedRecording;
        if (prev) dropLog(prev.logId);
        get().clearFind();
        viewGeneration++;
        resultGeneration++;
        set({ openedRecording: null, replayResult: null, replayBusy: false, diffBusy: false });
      },
      loadMoreRecording: async () => {
        const open = get().openedRecording;
        if (!open || open.nextSeq === null) return;
        try {
          await showPage(
            open.summary.id,
            { fromSeq: open.nextSeq },
            true,
            undefined,
            () => get().openedRecording?.logId === open.logId,
          );
        } catch (e) {
          fail(e);
        }
      },
      followRecording: async () => {
        const open = get().openedRecording;
        const log = open && peekLog(open.logId);
        if (!open || !log || open.nextSeq !== null) return;
        try {
          await showPage(
            open.summary.id,
            { fromSeq: log.length },
            true,
            undefined,
            () => get().openedRecording?.logId === open.logId,
          );
        } catch (e) {
          fail(e);
        }
      },
      jumpRecording: async (t) => {
        const open = get().openedRecording;
        if (!open) return;
        try {
          await showLatestWindow(open.summary.id, { fromT: Math.max(0, t) });
        } catch (e) {
          fail(e);
        }
      },
      exportRecording: async (id, format) => {
        try {
          return await deps.client.invoke('recording.export', { id, format });
        } catch (e) {
          fail(e);
          return null;
        }
      },
      importRecording: async (text) => {
        try {
          const { recording } = await deps.client.invoke('recording.import', { text });
          await get().loadRecordings();
          get().showToast(`Imported a recording of ${recording.method}`);
        } catch (e) {
          fail(e);
        }
      },
      deleteRecording: async (id) => {
        try {
          await deps.client.invoke('recording.delete', { id });
          if (get().openedRecording?.summary.id === id) get().closeRecording();
          await get().loadRecordings();
        } catch (e) {
          fail(e);
        }
      },
      replayRecording: async (id, speed, ignore, to) => {
        const mine = ++resultGeneration;
        set({ replayBusy: true, replayResult: null, diffBusy: false });
        try {
          // Replayed against the active tab's server (the recording's own target otherwise).
          const connection = to ?? activeTab(get())?.draft.connection;
          const out = await deps.client.invoke('recording.replay', {
            id,
            ...(connection ? { connection } : {}),
            speed: speedOf(speed),
            ignore,
          });
          if (mine === resultGeneration)
            set({
              replayResult: { replayId: out.recording.id, sourceId: id, diff: out.diff, ignore },
              recordingsError: null,
            });
          // The replay's own recording is new in the list either way.
          await get().loadRecordings();
        } catch (e) {
          if (mine === resultGeneration) fail(e);
        } finally {
          if (mine === resultGeneration) set({ replayBusy: false });
        }
      },
      rediffRecording: async (ignore) => {
        const last = get().replayResult;
        if (!last) return;
        await diffPage({ ...last, ignore }, 0);
      },
      pageDiff: async (from) => {
        const last = get().replayResult;
        if (last) await diffPage(last, Math.max(0, from));
      },
      startMock: async (what) => {
        try {
          const old = get().mock;
          if (old) {
            await deps.client.invoke('mock.stop', { mockId: old.mockId }).catch(() => undefined);
            set({ mock: null, mockCalls: EMPTY_MOCK_CALLS });
          }
          set({
            mock: await deps.client.invoke('mock.start', {
              ...('method' in what
                ? { method: what.method }
                : {
                    recordingIds: 'recordingIds' in what ? what.recordingIds : [what.recordingId],
                  }),
              port: rememberedPort('mock'),
            }),
            mockCalls: EMPTY_MOCK_CALLS,
            recordingsError: null,
          });
        } catch (e) {
          fail(e);
        }
      },
      stopMock: async () => {
        const mock = get().mock;
        if (!mock) return;
        try {
          await deps.client.invoke('mock.stop', { mockId: mock.mockId });
          set({ mock: null, mockCalls: EMPTY_MOCK_CALLS });
        } catch (e) {
          fail(e);
        }
      },
      listenMockCalls: () =>
        deps.client.subscribe('mock.calls', (batch) => {
          // A batch of a mock already stopped (or replaced) would refill a list the user saw cleared.
          if (batch.mockId !== get().mock?.mockId) return;
          set((s) => ({ mockCalls: addMockCalls(s.mockCalls, batch) }));
        }),
    };
  };
