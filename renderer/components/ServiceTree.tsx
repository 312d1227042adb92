// Services → methods, with a badge for the call kind and a filter box. Arrow keys move through it.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { CallKind, ServiceInfo } from '../../shared/schema/model.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab, schemaOf } from '../store/selectors.js';

export const KIND_BADGE: Record<CallKind, string> = {
  unary: 'UNARY',
  server_stream: 'SERVER',
  client_stream: 'CLIENT',
  bidi_stream: 'BIDI',
};

export function filterServices(services: ServiceInfo[], filter: string): ServiceInfo[] {
  const f = filter.trim().toLowerCase();
  if (!f) return services;
  return services
    .map((s) =>
      s.fullName.toLowerCase().includes(f)
        ? s
        : { ...s, methods: s.methods.filter((m) => m.name.toLowerCase().includes(f)) },
    )
    .filter((s) => s.methods.length > 0);
}

export function ServiceTree() {
  const store = useStoreApi();
  // The tree is the active tab's schema: each tab has its own server and source.
  const schema = useWb((s) => schemaOf(s, activeTab(s)));
  const failed = useWb((s) => activeTab(s)?.schemaStatus === 'error');
  const filter = useWb((s) => s.serviceFilter);
  const activePath = useWb((s) => activeTab(s)?.draft.method ?? null);
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const services = useMemo(() => filterServices(schema?.services ?? [], filter), [schema, filter]);

  const onKey = (e: KeyboardEvent<HTMLUListElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter(
      (el) => el.offsetParent !== null,
    );
    const i = items.indexOf(document.activeElement as HTMLElement);
    const next =
      items[e.key === 'ArrowDown' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1)];
    next?.focus();
    e.preventDefault();
  };

  return (
    <>
      <input
        className="filter"
        type="search"
        aria-label="Filter services"
        placeholder="Service or method"
        value={filter}
        onChange={(e) => store.getState().setServiceFilter(e.target.value)}
      />
      {!schema && (
        <p className="muted" style={{ padding: '0 10px' }}>
          {failed
            ? 'The schema could not be loaded: see why and what to do next in the request pane.'
            : 'No schema in this tab yet. Enter a server address and load it by reflection, or pick proto files in Connection settings.'}
        </p>
      )}
      <ul className="tree" role="tree" aria-label="Services" onKeyDown={onKey}>
        {services.map((svc) => {
          const open = !collapsed[svc.fullName] || filter !== '';
          return (
            // The service's treeitem is its row alone, and owns its methods' group: were the
            // <li> the treeitem, its visible text would hold every method too, which its name
            // cannot (WCAG 2.5.3, label in name).
            <li key={svc.fullName} className="svc" role="none">
              <div
                className={`row${svc.deprecated ? ' deprecated' : ''}`}
                id={serviceElementId(svc.fullName)}
                role="treeitem"
                aria-label={svc.fullName}
                aria-expanded={open}
                aria-owns={open ? methodsElementId(svc.fullName) : undefined}
                tabIndex={-1}
                title={svc.comment ?? svc.fullName}
                onClick={() => setCollapsed((c) => ({ ...c, [svc.fullName]: open }))}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
                    setCollapsed((c) => ({ ...c, [svc.fullName]: e.key === 'ArrowLeft' }));
                }}
              >
                <span aria-hidden>{open ? '▾' : '▸'}</span>
                {svc.fullName}
              </div>
              {open && (
                <ul
                  role="group"
                  id={methodsElementId(svc.fullName)}
                  aria-labelledby={serviceElementId(svc.fullName)}
                >
                  {svc.methods.map((m) => (
                    <li
                      key={m.path}
                      className="method"
                      role="treeitem"
                      aria-selected={m.path === activePath}
                      tabIndex={0}
                      onClick={(e) => {
                        e.stopPropagation();
                        store.getState().openMethod(m, e.ctrlKey || e.metaKey);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.stopPropagation();
                          store.getState().openMethod(m);
                        }
                      }}
                    >
                      <div
                        className={`row${m.deprecated ? ' deprecated' : ''}`}
                        title={m.comment ?? m.fullName}
                      >
                        {/* Named by its text, badge included ("UNARY GetUser"): a name without
                            the visible badge fails WCAG 2.5.3 (label in name). The space keeps
                            the two words apart in the name; the flex row does not show it. */}
                        <span className={`badge ${m.kind}`}>{KIND_BADGE[m.kind]}</span> {m.name}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function serviceElementId(fullName: string): string {
  return `service-${fullName}`;
}

function methodsElementId(fullName: string): string {
  return `service-${fullName}-methods`;
}
