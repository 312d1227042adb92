// Find in the opened recording. The engine searches the whole file (`recording.find`) and counts
// every hit; the store keeps one page of hits and which one is shown, and asks for another page
// when next/previous leaves it. Each new query and each step bumps a generation: an answer to an
// older one (the engine stops an older query, but its answer may already be on its way; a step's
// page of hits can be slower than the next step's) never overwrites a newer one.
import type { StoreApi } from 'zustand';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';

export type FindHit = Output<'recording.find'>['hits'][number];

export interface RecordingFind {
  query: string;
  /** A search is running (the count is not known yet). */
  busy: boolean;
  /** Hits in the whole recording; null before the first answer. */
  total: number | null;
  /** A page of hits, the first being hit number `hitsFrom` (0-based). */
  hits: FindHit[];
  hitsFrom: number;
  /** 0-based number of the hit shown, -1 for none. */
  current: number;
  error: string | null;
}

export const NO_FIND: RecordingFind = {
  query: '',
  busy: false,
  total: null,
  hits: [],
  hitsFrom: 0,
  current: -1,
  error: null,
};

/** Hits fetched per page. */
export const HIT_PAGE = 200;

export interface FindActions {
  /** Searches the opened recording for `query` and shows the first hit. */
  findInRecording: (query: string) => Promise<void>;
  /** Shows the next (1) or previous (-1) hit, wrapping around. */
  stepFind: (delta: 1 | -1) => Promise<void>;
  clearFind: () => void;
}

type Set = StoreApi<WorkbenchState>['setState'];
type Get = StoreApi<WorkbenchState>['getState'];

export function createFindActions(
  deps: StoreDeps,
  set: Set,
  get: Get,
  revealEvent: (seq: number) => Promise<void>,
): FindActions {
  let generation = 0;
  // One viewer per window: a newer find from it stops its older one in the engine.
  const group = `viewer-${Math.random().toString(36).slice(2, 10)}`;
  const update = (patch: Partial<RecordingFind>): void =>
    set((s) => ({ recordingFind: { ...s.recordingFind, ...patch } }));

  async function fetchHits(query: string, skip: number) {
    const id = get().openedRecording?.summary.id;
    if (!id) return undefined;
    return deps.client.invoke('recording.find', { id, query, skip, limit: HIT_PAGE, group });
  }

  async function show(index: number, mine: number, backward = false): Promise<void> {
    const f = get().recordingFind;
    let { hits, hitsFrom } = f;
    if (index < hitsFrom || index >= hitsFrom + hits.length) {
      // Going back (or wrapping to the last) loads the page that ends with the hit asked for.
      const skip = backward ? Math.max(0, index - HIT_PAGE + 1) : index;
      const page = await fetchHits(f.query, skip);
      if (!page || mine !== generation || page.cancelled) return;
      ({ hits } = page);
      hitsFrom = skip;
      update({ hits, hitsFrom, total: page.total });
    }
    const hit = hits[index - hitsFrom];
    if (!hit) return;
    update({ current: index });
    await revealEvent(hit.seq);
  }

  return {
    findInRecording: async (query) => {
      const mine = ++generation;
      if (query === '') {
        set({ recordingFind: NO_FIND });
        return;
      }
      set({ recordingFind: { ...NO_FIND, query, busy: true } });
      try {
        const page = await fetchHits(query, 0);
        if (!page || mine !== generation || page.cancelled) return;
        update({ busy: false, total: page.total, hits: page.hits, hitsFrom: 0 });
        if (page.total > 0) await show(0, mine);
      } catch (e) {
        if (mine === generation) update({ busy: false, error: errorMessage(e) });
      }
    },
    stepFind: async (delta) => {
      const f = get().recordingFind;
      if (f.busy || !f.total) return;
      const next = f.current < 0 ? 0 : (f.current + delta + f.total) % f.total;
      // Each step is a new ask: a page of hits an earlier step is still waiting for must not
      // arrive after this one's and move the hit shown back.
      const mine = ++generation;
      try {
        await show(next, mine, delta < 0);
      } catch (e) {
        if (mine === generation) update({ error: errorMessage(e) });
      }
    },
    clearFind: () => {
      generation++;
      set({ recordingFind: NO_FIND });
    },
  };
}
