// Environments: the list, which one is selected (kept by the engine, so a reload keeps it), and
// the editor. Secret values go to the engine once and are never read back.
import type { StateCreator } from 'zustand';
import type { Output } from '../../shared/contract/types.js';
import type { RequestDocument } from '../../shared/request/index.js';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';

export type EnvironmentView = Output<'environment.read'>;

/** A variable as the editor holds it: a secret's value is empty unless the user types a new one. */
export interface VariableDraft {
  name: string;
  value: string;
  secret: boolean;
  enabled: boolean;
  /** For secrets: a value is stored (shown masked, never re-displayed). */
  set: boolean;
}

export interface EnvironmentsSlice {
  environments: { name: string; error?: string }[];
  selectedEnvironment: string | null;
  envEditorOpen: boolean;
  environmentsError: string | null;
  /** How the host protects secret values (shown in the editor; a fixed-key fallback is warned about). */
  secretStorage: { kind: 'os_keychain' | 'basic_text' | 'key_file'; where: string } | null;
  setEnvEditorOpen: (open: boolean) => void;
  loadEnvironments: () => Promise<void>;
  selectEnvironment: (name: string | null) => Promise<void>;
  readEnvironment: (name: string) => Promise<VariableDraft[]>;
  /** Saves; a secret with an empty value keeps what is stored. Returns whether it worked. */
  saveEnvironment: (name: string, variables: VariableDraft[]) => Promise<boolean>;
  deleteEnvironment: (name: string) => Promise<void>;
  /**
   * Variables of a request the selected environment has no value for, as a call would find them:
   * `savedPath` (the tab's saved request) brings in the auth it inherits from its folders.
   */
  checkVariables: (
    request: RequestDocument,
    savedPath: string | null,
  ) => Promise<UnknownVariable[]>;
  /**
   * "Copy as grpcurl" with "Include secrets": the engine resolves the request as a call would and
   * answers with the command text. Returned for that one copy, never put in the store.
   */
  grpcurlWithSecrets: (
    request: RequestDocument,
    savedPath: string | null,
  ) => Promise<Output<'export.grpcurlWithSecrets'>>;
}

export function toDrafts(view: EnvironmentView): VariableDraft[] {
  return view.variables.map((v) =>
    v.secret
      ? { name: v.name, value: '', secret: true, enabled: v.enabled, set: v.set }
      : { name: v.name, value: v.value, secret: false, enabled: v.enabled, set: false },
  );
}

export const createEnvironmentsSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], EnvironmentsSlice> =>
  (set, get) => ({
    environments: [],
    selectedEnvironment: null,
    envEditorOpen: false,
    environmentsError: null,
    secretStorage: null,
    setEnvEditorOpen: (envEditorOpen) => set({ envEditorOpen, environmentsError: null }),
    loadEnvironments: async () => {
      try {
        const r = await deps.client.invoke('environment.list', {});
        set({
          environments: r.environments,
          selectedEnvironment: r.selected,
          secretStorage: r.secretStorage,
        });
      } catch (e) {
        set({ environmentsError: errorMessage(e) });
      }
    },
    selectEnvironment: async (name) => {
      try {
        const r = await deps.client.invoke('environment.select', { name });
        set({ selectedEnvironment: r.selected, environmentsError: null });
      } catch (e) {
        set({ environmentsError: errorMessage(e) });
      }
    },
    readEnvironment: async (name) =>
      toDrafts(await deps.client.invoke('environment.read', { name })),
    saveEnvironment: async (name, variables) => {
      try {
        await deps.client.invoke('environment.save', {
          name,
          variables: variables
            .filter((v) => v.name.trim() !== '')
            .map((v) => ({
              name: v.name.trim(),
              secret: v.secret,
              enabled: v.enabled,
              // An untouched secret field keeps the stored value.
              ...(v.secret && v.value === '' ? {} : { value: v.value }),
            })),
        });
        set({ environmentsError: null });
        await get().loadEnvironments();
        return true;
      } catch (e) {
        set({ environmentsError: errorMessage(e) });
        return false;
      }
    },
    checkVariables: async (request, savedPath) => {
      const r = await deps.client.invoke('workspace.prepare', {
        request,
        environment: get().selectedEnvironment,
        ...(savedPath !== null ? { requestPath: savedPath } : {}),
      });
      return r.unknown;
    },
    grpcurlWithSecrets: (request, savedPath) =>
      deps.client.invoke('export.grpcurlWithSecrets', {
        request,
        environment: get().selectedEnvironment,
        ...(savedPath !== null ? { requestPath: savedPath } : {}),
      }),
    deleteEnvironment: async (name) => {
      try {
        await deps.client.invoke('environment.delete', { name });
        await get().loadEnvironments();
      } catch (e) {
        set({ environmentsError: errorMessage(e) });
      }
    },
  });
