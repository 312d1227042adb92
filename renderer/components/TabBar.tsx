// Open requests; each keeps its draft, server and schema. A dot marks unsaved changes, a ⚠ a
// method its schema no longer has.
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
  return (
    <div className="tabbar" role="tablist" aria-label="Open requests">
      {tabs.map(({ id, title, dirty, stale }) => (
        <div
          key={id}
          role="tab"
          aria-selected={id === active}
          tabIndex={0}
          onClick={() => store.getState().activateTab(id)}
          onAuxClick={(e) => e.button === 1 && store.getState().closeTab(id)}
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
          <button
            className="close"
            aria-label={`Close ${title}`}
            onClick={(e) => {
              e.stopPropagation();
              store.getState().closeTab(id);
            }}
          >
            ×
          </button>
        </div>
      ))}
      <button
        className="add"
        aria-label="New tab"
        title="New tab (Ctrl+T)"
        onClick={() => store.getState().newTab()}
      >
        +
      </button>
    </div>
  );
}
