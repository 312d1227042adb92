// One way to choose files, for every field that takes a path (schema files, TLS certificates):
// the desktop app's own dialog (files.pick); hosts without one (the web host answer
// `unavailable`) get the file browser over the engine's machine (files.list).
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client.js';
import { useStoreApi } from '../store/useWorkbench.js';
import { FileBrowser, type FileKind } from './FileBrowser.js';

export interface ChooseRequest {
  kind: FileKind;
  multiple: boolean;
  /** A folder to open in (absolute); else the last one used. */
  start?: string | undefined;
  onChoose: (paths: string[]) => void;
}

export interface FileChooser {
  choose: (request: ChooseRequest) => Promise<void>;
  /** Why the native dialog failed, if it did. */
  problem: string | null;
  /** The file browser while it is open (render it where the field is). */
  browser: ReactNode;
}

export function useFileChooser(): FileChooser {
  const store = useStoreApi();
  const [browsing, setBrowsing] = useState<ChooseRequest | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (request: ChooseRequest): Promise<void> => {
    setProblem(null);
    try {
      const r = await store.getState().pickFiles({
        kind: request.kind,
        multiple: request.multiple,
        ...(request.start !== undefined ? { defaultPath: request.start } : {}),
      });
      if (!r.canceled && r.paths.length > 0) request.onChoose(r.paths);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'unavailable') setBrowsing(request);
      else setProblem(errorMessage(e));
    }
  };
  const browser = browsing && (
    // A dialog over another dialog (the connection settings): its Escape must not close both.
    <div onKeyDown={(e) => e.stopPropagation()}>
      <FileBrowser
        kind={browsing.kind}
        multiple={browsing.multiple}
        start={browsing.start}
        onChoose={(paths) => {
          setBrowsing(null);
          browsing.onChoose(paths);
        }}
        onClose={() => setBrowsing(null)}
      />
    </div>
  );
  return { choose, problem, browser };
}

export const isAbsolutePath = (p: string): boolean => /^([/\\]|[A-Za-z]:[\\/])/.test(p);
export const folderOf = (p: string): string => p.replace(/[\\/][^\\/]*$/, '') || '/';
