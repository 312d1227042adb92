// "Copy as grpcurl": the tab's draft request as a grpcurl command line, copied to the clipboard.
// The flag table in shared/grpcurl writes it, and the grpcurl import reads it back the same.
import { grpcurlCommand, notInGrpcurl } from '../../shared/grpcurl/to-command.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';

export function CopyGrpcurl({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const hasMethod = useWb((s) => s.tabs.find((t) => t.id === tabId)?.draft.method !== '');
  return (
    <button
      className="small"
      disabled={!hasMethod}
      title={hasMethod ? undefined : 'Pick a method first'}
      onClick={async () => {
        const draft = store.getState().tabs.find((t) => t.id === tabId)?.draft;
        if (!draft || draft.method === '') return;
        const command = grpcurlCommand(draft);
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
