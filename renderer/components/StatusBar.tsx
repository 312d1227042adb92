// Channel connectivity and what schema is loaded. Not role=status: that name belongs to the call.
import { useWb } from '../store/useWorkbench.js';

export function StatusBar() {
  const channel = useWb((s) => s.channelState);
  const address = useWb((s) => s.connection.address);
  const summary = useWb((s) => s.schemaSummary);
  const schemaStatus = useWb((s) => s.schemaStatus);
  return (
    <footer className="statusbar">
      <span title="Channel connectivity">
        <span className={`dot ${channel ?? ''}`} />
        {address} · {channel ?? 'not connected'}
      </span>
      <span>
        {schemaStatus === 'loading'
          ? 'Loading schema…'
          : summary
            ? `Schema: ${summary.name} (${summary.source.replace('_', ' ')}${summary.reflectionVersion ? ' ' + summary.reflectionVersion : ''}) · ${summary.services.length} services · ${summary.messageCount} messages`
            : 'No schema loaded'}
      </span>
    </footer>
  );
}
