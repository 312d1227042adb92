// The sidebar as a rail: a strip of panel buttons (Services, Collections, History, Recordings,
// Capture), one
// panel open at a time at the width the user dragged it to, or collapsed to the strip. Every panel
// stays mounted while hidden: the collections panel follows the workspace and the recordings panel
// a running mock whether or not they are showing.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  RAIL_LABELS,
  RAIL_PANELS,
  clampWidth,
  loadRailPrefs,
  saveRailPrefs,
  MAX_PANEL_WIDTH,
  MIN_PANEL_WIDTH,
  shownWidth,
  type RailPanel,
  type RailPrefs,
} from './railPrefs.js';

const ICONS: Record<RailPanel, string> = {
  services: '☰',
  collections: '▤',
  history: '↺',
  recordings: '●',
  capture: '⇄',
};
const KEY_STEP = 16;

function useRailPrefs(): [RailPrefs, (patch: Partial<RailPrefs>) => void] {
  const [prefs, setPrefs] = useState(loadRailPrefs);
  useEffect(() => saveRailPrefs(prefs), [prefs]);
  return [prefs, (patch) => setPrefs((p) => ({ ...p, ...patch }))];
}

function RailTabs({
  prefs,
  choose,
}: {
  prefs: RailPrefs;
  choose: (panel: RailPanel, focus?: boolean) => void;
}) {
  // Up/Down move between panels (the tab list is vertical); Home/End to the ends.
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = RAIL_PANELS.indexOf(prefs.panel);
    const n = RAIL_PANELS.length;
    const to =
      e.key === 'ArrowDown'
        ? (i + 1) % n
        : e.key === 'ArrowUp'
          ? (i + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    choose(RAIL_PANELS[to] as RailPanel, true);
  };
  return (
    <div
      className="rail-tabs"
      role="tablist"
      aria-label="Sidebar panels"
      aria-orientation="vertical"
      onKeyDown={onKey}
    >
      {RAIL_PANELS.map((p) => (
        <button
          key={p}
          id={`rail-tab-${p}`}
          role="tab"
          aria-selected={p === prefs.panel}
          aria-controls={prefs.collapsed ? undefined : `rail-panel-${p}`}
          aria-expanded={p === prefs.panel ? !prefs.collapsed : undefined}
          tabIndex={p === prefs.panel ? 0 : -1}
          title={
            p === prefs.panel && !prefs.collapsed
              ? `${RAIL_LABELS[p]} (click again to collapse the sidebar)`
              : RAIL_LABELS[p]
          }
          onClick={() => choose(p)}
        >
          <span className="rail-icon" aria-hidden>
            {ICONS[p]}
          </span>
          <span className="rail-label">{RAIL_LABELS[p]}</span>
        </button>
      ))}
    </div>
  );
}

function RailSplitter({
  width,
  setWidth,
  toggle,
  panelBox,
}: {
  width: number;
  setWidth: (w: number) => void;
  toggle: () => void;
  panelBox: React.RefObject<HTMLDivElement | null>;
}) {
  const drag = (e: React.PointerEvent<HTMLDivElement>): void => {
    const box = panelBox.current;
    if (!box) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const left = box.getBoundingClientRect().left;
    const move = (ev: PointerEvent): void => setWidth(clampWidth(ev.clientX - left));
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <div
      className="rail-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize sidebar"
      aria-valuenow={width}
      aria-valuemin={MIN_PANEL_WIDTH}
      aria-valuemax={MAX_PANEL_WIDTH}
      aria-valuetext={`${width} pixels wide`}
      tabIndex={0}
      title="Drag to resize; Enter collapses the sidebar"
      onPointerDown={drag}
      onDoubleClick={toggle}
      onKeyDown={(e) => {
        const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
        if (e.key === 'ArrowLeft') setWidth(clampWidth(width - step));
        else if (e.key === 'ArrowRight') setWidth(clampWidth(width + step));
        else if (e.key === 'Home') setWidth(MIN_PANEL_WIDTH);
        else if (e.key === 'End') setWidth(MAX_PANEL_WIDTH);
        else if (e.key === 'Enter') toggle();
        else return;
        e.preventDefault();
      }}
    />
  );
}

/** The window's width in CSS pixels, followed as it changes. */
function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const follow = (): void => setWidth(window.innerWidth);
    window.addEventListener('resize', follow);
    return () => window.removeEventListener('resize', follow);
  }, []);
  return width;
}

/**
 * `onLeave`: the panel that was showing is no longer (another chosen, or the sidebar collapsed):
 * what it opened over the request (a recording's viewer) goes with it.
 */
export function Rail({
  panels,
  onLeave,
}: {
  panels: Record<RailPanel, ReactNode>;
  onLeave?: (panel: RailPanel) => void;
}) {
  const [prefs, update] = useRailPrefs();
  const panelBox = useRef<HTMLDivElement>(null);
  // The width shown: the user's, unless the window is too narrow for it and the request too.
  const width = shownWidth(prefs.width, useWindowWidth());
  const choose = (panel: RailPanel, focus = false): void => {
    // Clicking the open panel's button collapses the sidebar; any button opens it again.
    if (panel === prefs.panel && !focus) update({ collapsed: !prefs.collapsed });
    else update({ panel, collapsed: false });
    if (!prefs.collapsed && (panel !== prefs.panel || !focus)) onLeave?.(prefs.panel);
    if (focus) document.getElementById(`rail-tab-${panel}`)?.focus();
  };
  return (
    <aside className={`sidebar rail${prefs.collapsed ? ' collapsed' : ''}`} aria-label="Sidebar">
      <RailTabs prefs={prefs} choose={choose} />
      <div className="rail-panels" ref={panelBox} hidden={prefs.collapsed} style={{ width }}>
        {RAIL_PANELS.map((p) => (
          <div
            key={p}
            id={`rail-panel-${p}`}
            className="rail-panel"
            role="tabpanel"
            aria-labelledby={`rail-tab-${p}`}
            hidden={p !== prefs.panel}
          >
            {panels[p]}
          </div>
        ))}
      </div>
      {!prefs.collapsed && (
        <RailSplitter
          width={width}
          setWidth={(w) => update({ width: w })}
          toggle={() => (update({ collapsed: true }), onLeave?.(prefs.panel))}
          panelBox={panelBox}
        />
      )}
    </aside>
  );
}
