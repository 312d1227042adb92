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

export const createUiSlice: StateCreator<WorkbenchState, [], [], UiSlice> = (set) => ({
  theme: 'system',
  serviceFilter: '',
  welcome: true,
  settingsOpen: false,
  split: 0.5,
  toast: null,
  setTheme: (theme) => set({ theme }),
  setServiceFilter: (serviceFilter) => set({ serviceFilter }),
  setWelcome: (welcome) => set({ welcome }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setSplit: (f) => set({ split: Math.min(0.8, Math.max(0.2, f)) }),
  showToast: (toast) => set({ toast }),
});
