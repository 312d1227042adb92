// Open requests; each keeps its draft, server and schema. A dot marks unsaved changes, a ⚠ a
// method its schema no longer has.
//
// Why the Close buttons are not inside the tabs: a tab (role=tab) must not contain another control
// and a tablist may hold only tabs (axe: nested-interactive, aria-required-children). So the
// tablist and the Close buttons are two siblings with `display: contents`, and CSS `order` puts
// each Close button right after its tab: it looks as before, while the accessibility tree has a
// clean tablist. Keyboard: the tablist is one Tab stop; arrows move between tabs (and open them),
// Delete closes the focused tab (Ctrl+W closes the active one, see useShortcuts).
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { isDirty } from '../store/dirty.js';
import { isStale } from '../store/selectors.js';

interface TabLabel {
  id: string;
  title: string;
  dirty: boolean;
  stale: boolean;
}

const SEP = '\u0000';

/** The tab the arrow/Home/End key moves to, or undefined for any other key. */
function tabAfterKey(key: string, ids: string[], from: string): string | undefined {
  const i = ids.indexOf(from);
  if (key === 'ArrowRight') return ids[(i + 1) % ids.length];
  if (key === 'ArrowLeft') return ids[(i - 1 + ids.length) % ids.length];
  if (key === 'Home') return ids[0];
  if (key === 'End') return ids[ids.length - 1];
  return undefined;
}

export function TabBar() {
  const store = useStoreApi();
  // One string per tab, so the bar re-renders only when a title or a mark changes.
  const keys = useWb(
    useShallow((s) =>
      s.tabs.map((t) => [t.id, t.draft.name, isDirty(t) ? 1 : 0, isStale(s, t) ? 1 : 0].join(SEP)),
    ),
  );
  const active = useWb((s) => s.activeTabId);
  const tabs: TabLabel[] = keys.map((k) => {
    const [id, title, dirty, stale] = k.split(SEP) as [string, string, string, string];
    return { id, title, dirty: dirty === '1', stale: stale === '1' };
  });
  const ids = tabs.map((t) => t.id);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>, id: string): void => {
    if (e.key === 'Delete') {
      e.preventDefault();
      store.getState().closeTab(id);
      return;
    }
    const next = tabAfterKey(e.key, ids, id);
    if (next === undefined) return;
    e.preventDefault();
    store.getState().activateTab(next);
    document.getElementById(tabElementId(next))?.focus();
  };

  return (
    <div className="tabbar">
      <div className="tab-list" role="tablist" aria-label="Open requests">
        {tabs.map(({ id, title, dirty, stale }, i) => (
          <div
            key={id}
            id={tabElementId(id)}
            role="tab"
            aria-selected={id === active}
            tabIndex={id === active ? 0 : -1}
            style={{ order: 2 * i }}
            onClick={() => store.getState().activateTab(id)}
            onAuxClick={(e) => e.button === 1 && store.getState().closeTab(id)}
            onKeyDown={(e) => onTabKey(e, id)}
          >
            <span
              className={stale ? 'stale' : ''}
              title={stale ? 'This method is not in the schema of this tab' : undefined}
            >
              {stale ? '⚠ ' : ''}
              {title}
            </span>
            {dirty && (
              <span
                className="dirty-mark"
                role="img"
                aria-label="Unsaved changes"
                title="Unsaved changes"
              >
                •
              </span>
            )}
          </div>
        ))}
      </div>
      <div className="tab-closers">
        {tabs.map(({ id, title }, i) => (
          <button
            key={id}
            className={id === active ? 'close selected' : 'close'}
            aria-label={`Close ${title}`}
            // Out of the Tab order: the keyboard closes a tab with Delete on the tab itself.
            tabIndex={-1}
            style={{ order: 2 * i + 1 }}
            onClick={() => store.getState().closeTab(id)}
          >
            ×
          </button>
        ))}
      </div>
      <button
        className="add"
        aria-label="New tab"
        title="New tab (Ctrl+T)"
        style={{ order: 2 * tabs.length }}
        onClick={() => store.getState().newTab()}
      >
        +
      </button>
    </div>
  );
}

function tabElementId(id: string): string {
  return `request-tab-${id}`;
}
