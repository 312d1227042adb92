// What the sidebar rail remembers between reloads: the open panel, its width, whether it is
// collapsed. Kept with the other preferences (theme, welcome) in localStorage — the session file
// holds the tabs, and its format is shared with the engine; a sidebar width is not worth a version.

export const RAIL_PANELS = ['services', 'collections', 'history', 'recordings', 'capture'] as const;
export type RailPanel = (typeof RAIL_PANELS)[number];

export const RAIL_LABELS: Record<RailPanel, string> = {
  services: 'Services',
  collections: 'Collections',
  history: 'History',
  recordings: 'Recordings',
  capture: 'Capture',
};

export interface RailPrefs {
  panel: RailPanel;
  /** Width of the open panel in CSS pixels (the icon strip is not counted). */
  width: number;
  collapsed: boolean;
}

/** Narrower than this the service tree's names would be cut to nothing. */
export const MIN_PANEL_WIDTH = 200;
export const MAX_PANEL_WIDTH = 640;
export const DEFAULT_RAIL: RailPrefs = { panel: 'services', width: 280, collapsed: false };

const KEY = 'gwb.rail';

export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return DEFAULT_RAIL.width;
  return Math.round(Math.min(MAX_PANEL_WIDTH, Math.max(MIN_PANEL_WIDTH, width)));
}

/**
 * What a narrow window leaves the request and response beside the sidebar: below this they
 * stack their header on four lines (badge, name, settings, Send at 900 px with a 280 px panel).
 */
export const MAIN_MIN_WIDTH = 620;
/** Narrower than this the rail's strip shows its icons only (styles.css, .rail-tabs). */
export const NARROW_WINDOW = 1000;
/** The rail's strip of panel buttons (icons only in a narrow window) and the splitter. */
const railChrome = (windowWidth: number): number => (windowWidth < NARROW_WINDOW ? 44 : 72) + 5;

/**
 * The panel's width shown in a window `windowWidth` wide: the user's `width`, unless that would
 * leave the request and response less than MAIN_MIN_WIDTH; then it gives way, down to
 * MIN_PANEL_WIDTH (as VS Code's side bar does). The user's width comes back when the window widens.
 */
export function shownWidth(width: number, windowWidth: number): number {
  const room = Math.floor(windowWidth - railChrome(windowWidth) - MAIN_MIN_WIDTH);
  return Math.max(MIN_PANEL_WIDTH, Math.min(width, room));
}

/** Reads what was stored; anything missing or malformed falls back to the default. */
export function parseRailPrefs(text: string | null): RailPrefs {
  if (!text) return DEFAULT_RAIL;
  try {
    const v = JSON.parse(text) as Partial<Record<keyof RailPrefs, unknown>>;
    return {
      panel: RAIL_PANELS.includes(v.panel as RailPanel) ? (v.panel as RailPanel) : 'services',
      width: typeof v.width === 'number' ? clampWidth(v.width) : DEFAULT_RAIL.width,
      collapsed: v.collapsed === true,
    };
  } catch {
    return DEFAULT_RAIL;
  }
}

export function loadRailPrefs(): RailPrefs {
  try {
    return parseRailPrefs(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));
  } catch {
    return DEFAULT_RAIL; // storage refused (privacy settings): the default each time
  }
}

export function saveRailPrefs(prefs: RailPrefs): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // not kept: fine
  }
}
