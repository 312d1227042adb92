// The active tab: request pane and response pane side by side, the split resizable.
import { useRef } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { RequestPane } from './RequestPane.js';
import { ResponsePane } from './ResponsePane.js';

export function Workspace() {
  const store = useStoreApi();
  const activeId = useWb((s) => s.activeTabId);
  const split = useWb((s) => s.split);
  const box = useRef<HTMLDivElement>(null);
  if (!activeId) {
    return (
      <div className="empty">
        <p>Pick a method in the service tree to start a request.</p>
        <p className="muted">Ctrl+Enter sends · Ctrl+T new tab · Ctrl+W close tab</p>
      </div>
    );
  }
  const drag = (e: React.PointerEvent<HTMLDivElement>): void => {
    const el = box.current;
    if (!el) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => {
      const r = el.getBoundingClientRect();
      store.getState().setSplit((ev.clientX - r.left) / r.width);
    };
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <div className="panes" ref={box}>
      <section className="pane" style={{ width: `${split * 100}%` }} aria-label="Request">
        <RequestPane key={activeId} tabId={activeId} />
      </section>
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize panes"
        aria-valuenow={Math.round(split * 100)}
        tabIndex={0}
        onPointerDown={drag}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') store.getState().setSplit(split - 0.05);
          if (e.key === 'ArrowRight') store.getState().setSplit(split + 0.05);
        }}
      />
      <section className="pane" style={{ flex: 1 }} aria-label="Response">
        <ResponsePane key={activeId} tabId={activeId} />
      </section>
    </div>
  );
}
