// "Copy as grpcurl": the tab's draft request as a grpcurl command line, copied to the clipboard.
// The flag table in shared/grpcurl writes it, and the grpcurl import reads it back the same.
//
// By default the renderer writes it with the selected environment's plain variables resolved and
// a secret left as `{{name}}`: secret values never reach the renderer. "Include secrets", off
// unless the user ticks it (for one copy: it unticks itself with it, and is never remembered),
// asks the engine instead: it resolves the request as a call would (secrets, inherited auth, an
// OAuth2 token) and answers with the text for this one copy, which goes to the clipboard and
// nowhere else (if the clipboard refuses it, nothing is copied and nothing is shown).
import { useState } from 'react';
import { grpcurlCommand, notInGrpcurl } from '../../shared/grpcurl/to-command.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { errorMessage } from '../api/client.js';
import { plainValues, resolvePlainVariables } from '../auth/resolve-for-copy.js';
import type { WorkbenchState } from '../store/types.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import './copy-grpcurl.css';

interface Copy {
  command: string;
  /** What grpcurl has no flag for, in words. */
  left: string[];
}

/** The selected environment's plain variables resolved; a secret stays `{{name}}`. */
async function withoutSecrets(state: WorkbenchState, draft: RequestDocument): Promise<Copy> {
  let doc = draft;
  if (state.selectedEnvironment !== null) {
    try {
      const variables = await state.readEnvironment(state.selectedEnvironment);
      doc = resolvePlainVariables(draft, plainValues(variables));
    } catch {
      // an unreadable environment: the variables stay as written
    }
  }
  return { command: grpcurlCommand(doc), left: notInGrpcurl(draft) };
}

/** Whether the clipboard took the text (access can be refused: no focus, no permission). */
async function toClipboard(command: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(command);
    return true;
  } catch {
    return false;
  }
}

export function CopyGrpcurl({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const hasMethod = useWb((s) => s.tabs.find((t) => t.id === tabId)?.draft.method !== '');

  const copy = async (): Promise<void> => {
    const state = store.getState();
    const tab = state.tabs.find((t) => t.id === tabId);
    if (!tab || tab.draft.method === '') return;
    const withSecrets = includeSecrets;
    // One copy per tick: a later copy must not carry secret values unless ticked again.
    if (withSecrets) setIncludeSecrets(false);
    let copied: Copy;
    try {
      copied = withSecrets
        ? await state.grpcurlWithSecrets(tab.draft, tab.savedPath)
        : await withoutSecrets(state, tab.draft);
    } catch (e) {
      state.showToast(`Nothing was copied: ${errorMessage(e)}`);
      return;
    }
    if (!(await toClipboard(copied.command))) {
      // Secret values must not be shown on the page; a command without them can be copied by hand.
      if (withSecrets)
        state.showToast('Nothing was copied: the clipboard refused the command with its secrets.');
      else window.prompt('grpcurl command', copied.command);
      return;
    }
    const note =
      copied.left.length > 0 ? ` (grpcurl has no flag for ${copied.left.join(', ')})` : '';
    state.showToast(
      withSecrets
        ? `Copied the grpcurl command with its secret values: keep it private${note}`
        : `Copied the grpcurl command${note}`,
    );
  };

  return (
    <span className="copy-grpcurl">
      <button
        className="small"
        disabled={!hasMethod}
        title={hasMethod ? undefined : 'Pick a method first'}
        onClick={() => void copy()}
      >
        Copy as grpcurl
      </button>
      <label
        className="muted"
        title="Write secret variables (and the auth they feed) into the copied command as their values"
      >
        <input
          type="checkbox"
          checked={includeSecrets}
          onChange={(e) => setIncludeSecrets(e.target.checked)}
        />
        Include secrets
      </label>
    </span>
  );
}
