// "Copy as grpcurl": the tab's draft request as a grpcurl command line, copied to the clipboard.
// The flag table in shared/grpcurl writes it, and the grpcurl import reads it back the same.
import { grpcurlCommand, notInGrpcurl } from '../../shared/grpcurl/to-command.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { plainValues, resolvePlainVariables } from '../auth/resolve-for-copy.js';
import type { RequestDocument } from '../../shared/request/document.js';

export function CopyGrpcurl({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  // The selected environment's plain variables resolved; a secret stays `{{name}}`.
  const withPlainVariables = async (draft: RequestDocument): Promise<RequestDocument> => {
    const { selectedEnvironment, readEnvironment } = store.getState();
    if (selectedEnvironment === null) return draft;
    try {
      return resolvePlainVariables(draft, plainValues(await readEnvironment(selectedEnvironment)));
    } catch {
      return draft; // an unreadable environment: the variables stay as written
    }
  };
  const hasMethod = useWb((s) => s.tabs.find((t) => t.id === tabId)?.draft.method !== '');
  return (
    <button
      className="small"
      disabled={!hasMethod}
      title={hasMethod ? undefined : 'Pick a method first'}
      onClick={async () => {
        const draft = store.getState().tabs.find((t) => t.id === tabId)?.draft;
        if (!draft || draft.method === '') return;
        const command = grpcurlCommand(await withPlainVariables(draft));
        // Say what grpcurl cannot carry (the largest message sent, disabled rows, notes).
        const left = notInGrpcurl(draft);
        const note = left.length > 0 ? ` (grpcurl has no flag for ${left.join(', ')})` : '';
        try {
          await navigator.clipboard.writeText(command);
          store.getState().showToast(`Copied the grpcurl command${note}`);
        } catch {
          // Clipboard access can be refused (no focus, no permission): show it to copy by hand.
          window.prompt('grpcurl command', command);
        }
      }}
    >
      Copy as grpcurl
    </button>
  );
}
