// The active tab's channel connectivity and which schema it has loaded. Not role=status: that
// name belongs to the call.
import { targetOf } from '../../shared/request/targets.js';
import { useWb } from '../store/useWorkbench.js';
import { activeTab, loadedSchemaOf } from '../store/selectors.js';
import { channelStateWords } from '../errors/words.js';

export function StatusBar() {
  const address = useWb((s) => activeTab(s)?.draft.connection.address ?? '');
  const target = useWb((s) => {
    const c = activeTab(s)?.draft.connection;
    return c ? targetOf(c) : '';
  });
  const channel = useWb((s) => s.channelStates[target]);
  const summary = useWb((s) => loadedSchemaOf(s, activeTab(s))?.summary);
  const schemaStatus = useWb((s) => activeTab(s)?.schemaStatus ?? 'idle');
  return (
    <footer className="statusbar">
      <span title="Channel connectivity">
        <span className={`dot ${channel ?? ''}`} />
        {address} · {channelStateWords(channel)}
      </span>
      <span>
        {schemaStatus === 'loading'
          ? 'Loading schema…'
          : summary
            ? `Schema: ${summary.name} (${summary.source.replace('_', ' ')}${summary.reflectionVersion ? ' ' + summary.reflectionVersion : ''}) · ${summary.services.length} services · ${summary.messageCount} messages`
            : schemaStatus === 'error'
              ? 'Schema not loaded (see why in the request pane)'
              : 'No schema loaded'}
      </span>
    </footer>
  );
}
