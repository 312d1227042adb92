// Open requests; each keeps its draft. A tab whose method left the schema is marked.
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { useShallow } from 'zustand/react/shallow';

export function TabBar() {
  const store = useStoreApi();
  const tabs = useWb(
    useShallow((s) => s.tabs.map((t) => `${t.id}\u0000${t.title}\u0000${t.stale ? 1 : 0}`)),
  );
  const active = useWb((s) => s.activeTabId);
  return (
    <div className="tabbar" role="tablist" aria-label="Open requests">
      {tabs.map((key) => {
        const [id, title, stale] = key.split('\u0000') as [string, string, string];
        return (
          <div
            key={id}
            role="tab"
            aria-selected={id === active}
            tabIndex={0}
            onClick={() => store.getState().activateTab(id)}
            onAuxClick={(e) => e.button === 1 && store.getState().closeTab(id)}
          >
            <span
              className={stale === '1' ? 'stale' : ''}
              title={stale === '1' ? 'This method is not in the reloaded schema' : undefined}
            >
              {stale === '1' ? '⚠ ' : ''}
              {title}
            </span>
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
        );
      })}
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
