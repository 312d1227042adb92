// "Copy as grpcurl": the active request as a command line, copied to the clipboard.
import { useStoreApi } from '../store/useWorkbench.js';
import { findMethod } from '../store/tabsSlice.js';
import { parseRows } from '../store/metadataRows.js';
import { grpcurlCommand, type Security } from '../grpcurl/command.js';
import { lines, toConnection } from '../store/connectionSlice.js';

export function buildGrpcurl(
  s: ReturnType<ReturnType<typeof useStoreApi>['getState']>,
  tabId: string,
): string | null {
  const tab = s.tabs.find((t) => t.id === tabId);
  const method = findMethod(s.schema, tab?.methodPath ?? null);
  if (!tab || !method) return null;
  const c = s.connection;
  const security: Security =
    c.security === 'plaintext'
      ? { mode: 'plaintext' }
      : {
          mode: 'tls',
          skipVerify: c.security === 'tls-skip',
          caFile: c.caFile || undefined,
          ...(c.security === 'mtls'
            ? { certFile: c.certFile || undefined, keyFile: c.keyFile || undefined }
            : {}),
        };
  const src = s.source;
  const deadline = Number(tab.deadline);
  return grpcurlCommand({
    address: c.address.trim(),
    security,
    authority: c.authority.trim() || undefined,
    schema:
      src.kind === 'reflection'
        ? { kind: 'reflection', metadata: parseRows(src.reflectionMetadata) }
        : src.kind === 'protoFiles'
          ? {
              kind: 'protoFiles',
              files: lines(src.protoFiles),
              importPaths: lines(src.importPaths),
            }
          : { kind: 'descriptorSet', files: [src.descriptorSet.trim()] },
    method: method.path,
    bodies: [tab.body],
    metadata: parseRows(tab.metadata),
    ...(Number.isFinite(deadline) && deadline > 0 ? { deadlineMs: deadline } : {}),
    maxMessageBytes: toConnection(c).maxReceiveMessageBytes,
  });
}

export function CopyGrpcurl({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  return (
    <button
      className="small"
      onClick={async () => {
        const cmd = buildGrpcurl(store.getState(), tabId);
        if (!cmd) return;
        try {
          await navigator.clipboard.writeText(cmd);
          store.getState().showToast('Copied the grpcurl command');
        } catch {
          // Clipboard access can be refused (no focus, no permission): show it to copy by hand.
          window.prompt('grpcurl command', cmd);
        }
      }}
    >
      Copy as grpcurl
    </button>
  );
}
