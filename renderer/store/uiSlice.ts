// Preferences and panels that are not about any one request.
import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './types.js';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface UiSlice {
  theme: ThemeChoice;
  serviceFilter: string;
  welcome: boolean;
  settingsOpen: boolean;
  /** Fraction of the width given to the request pane. */
  split: number;
  toast: string | null;
  setTheme: (t: ThemeChoice) => void;
  setServiceFilter: (f: string) => void;
  setWelcome: (open: boolean) => void;
  setSettingsOpen: (open: boolean) => void;
  setSplit: (f: number) => void;
  showToast: (msg: string | null) => void;
}

// Preferences survive a reload; storage can be missing (tests) or refused (privacy settings).
const saved = (key: string): string | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(`gwb.${key}`);
  } catch {
    return null;
  }
};
const save = (key: string, value: string): void => {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(`gwb.${key}`, value);
  } catch {
    // not kept: fine
  }
};
const savedTheme = saved('theme');

export const createUiSlice: StateCreator<WorkbenchState, [], [], UiSlice> = (set) => ({
  theme: savedTheme === 'light' || savedTheme === 'dark' ? savedTheme : 'system',
  serviceFilter: '',
  welcome: saved('welcomed') !== '1',
  settingsOpen: false,
  split: 0.5,
  toast: null,
  setTheme: (theme) => {
    save('theme', theme);
    set({ theme });
  },
  setServiceFilter: (serviceFilter) => set({ serviceFilter }),
  setWelcome: (welcome) => {
    if (!welcome) save('welcomed', '1');
    set({ welcome });
  },
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setSplit: (f) => set({ split: Math.min(0.8, Math.max(0.2, f)) }),
  showToast: (toast) => set({ toast }),
});
