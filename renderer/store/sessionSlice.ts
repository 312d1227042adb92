// The session: open tabs with their drafts, connections and schema sources, the active tab and
// each tab's last response, kept by the engine so a page reload or an app restart brings them back.
// Read once at start; written shortly after each change and at once when the page goes away.
import type { StateCreator } from 'zustand';
import type { Session, SessionTab } from '../../shared/session/session.js';
import { errorMessage } from '../api/client.js';
import type { Input, Output } from '../../shared/contract/types.js';
import { tabFromSession, tabToSession, type Tab } from './tab.js';
import type { StoreDeps, WorkbenchState } from './types.js';

export interface SessionSlice {
  /** False until the stored session was read (or found missing). */
  sessionReady: boolean;
  /** Why the stored session could not be read or written, in words. */
  sessionProblem: string | null;
  restoreSession: () => Promise<void>;
  /** Starts writing the session `delayMs` after changes; returns the stop. */
  syncSession: (delayMs?: number) => () => void;
  /** Writes a pending change now (the page is going away). */
  flushSession: () => void;
  dismissSessionProblem: () => void;
  /** One folder of the machine the engine runs on (the web host's file browser). */
  listDirectory: (input: Input<'files.list'>) => Promise<Output<'files.list'>>;
  /** The host's native open dialog (desktop app); rejects with code `unavailable` elsewhere. */
  pickFiles: (input: Input<'files.pick'>) => Promise<Output<'files.pick'>>;
}

export const SESSION_WRITE_DELAY_MS = 500;

/** shared/session's SESSION_FORMAT_VERSION (importing it would bring zod into the page). */
const SESSION_VERSION: Session['version'] = 1;

export function toSession(s: Pick<WorkbenchState, 'tabs' | 'activeTabId'>): Session {
  return {
    version: SESSION_VERSION,
    tabs: s.tabs.map(tabToSession),
    activeTabId: s.tabs.some((t) => t.id === s.activeTabId) ? s.activeTabId : null,
  };
}

/** The fields of a tab the session keeps; schema state and errors are not worth a write. */
const STORED: readonly (keyof SessionTab & keyof Tab)[] = [
  'id',
  'draft',
  'texts',
  'savedPath',
  'saved',
  'editor',
  'record',
  'callId',
  'lastResponse',
];

function sameStored(a: WorkbenchState, b: WorkbenchState): boolean {
  if (a.activeTabId !== b.activeTabId || a.tabs.length !== b.tabs.length) return false;
  return a.tabs.every((t, i) => {
    const u = b.tabs[i] as Tab;
    return t === u || STORED.every((k) => t[k] === u[k]);
  });
}

export const createSessionSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], SessionSlice> =>
  (set, get, api) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    let written: WorkbenchState | undefined;
    /** The stored session could not be asked for: this page must not write over it. */
    let unread = false;
    const write = (): void => {
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
      if (unread) return;
      const state = get();
      if (written && sameStored(written, state)) return;
      written = state;
      deps.client.invoke('session.write', { session: toSession(state) }).catch((e: unknown) => {
        written = undefined;
        set({ sessionProblem: `Open tabs could not be stored: ${errorMessage(e)}` });
      });
    };

    return {
      sessionReady: false,
      sessionProblem: null,
      restoreSession: async () => {
        try {
          // Asked twice: a transport that is not quite up yet must not cost the stored tabs.
          const r = await deps.client
            .invoke('session.read', {})
            .catch(() => deps.client.invoke('session.read', {}));
          if (r.problem) set({ sessionProblem: r.problem });
          const stored = r.session;
          if (stored && stored.tabs.length > 0) {
            const tabs = stored.tabs.map(tabFromSession);
            const active = tabs.find((t) => t.id === stored.activeTabId) ?? (tabs[0] as Tab);
            set({ tabs, activeTabId: active.id });
            // Each tab loads its own source (the engine answers equal sources from its cache).
            for (const t of tabs)
              if (t.draft.method !== '' || t.draft.schema || t.id === active.id)
                void get().loadSchema(t.id);
            for (const t of tabs) if (t.callId) void get().reattachCall(t.id);
          }
        } catch (e) {
          unread = true;
          set({
            sessionProblem: `The last session could not be read: ${errorMessage(e)}. The tabs of this window are not stored, so the stored ones stay as they were; reload to try again.`,
          });
        } finally {
          get().ensureTab();
          // What was just restored is what is stored: no write until something changes.
          written = get();
          set({ sessionReady: true });
        }
      },
      syncSession: (delayMs = SESSION_WRITE_DELAY_MS) => {
        const stop = api.subscribe((now, before) => {
          if (now.tabs === before.tabs && now.activeTabId === before.activeTabId) return;
          if (pending !== undefined) clearTimeout(pending);
          pending = setTimeout(write, delayMs);
        });
        return () => {
          stop();
          if (pending !== undefined) clearTimeout(pending);
          pending = undefined;
        };
      },
      flushSession: () => {
        if (pending !== undefined) write();
      },
      dismissSessionProblem: () => set({ sessionProblem: null }),
      listDirectory: (input) => deps.client.invoke('files.list', input),
      pickFiles: (input) => deps.client.invoke('files.pick', input),
    };
  };
