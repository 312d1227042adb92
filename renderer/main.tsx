// The renderer's entry: one transport, one store, one React root. The stored session (open tabs,
// drafts, servers, schemas) is read first; writing it back starts once it has been restored.
import { createRoot } from 'react-dom/client';
import { targetOf } from '../shared/request/targets.js';
import { createTransport, electronBridge } from './transport/index.js';
import { createWorkbenchStore } from './store/index.js';
import { StoreProvider } from './store/useWorkbench.js';
import { App } from './components/App.js';
import './styles.css';

const transport = createTransport();
const store = createWorkbenchStore(transport);
store.getState().listen();
store.getState().listenChecks();
transport.subscribe('channel.state', (p) => {
  for (const tab of store.getState().tabs) {
    const target = targetOf(tab.draft.connection);
    if (target !== '' && (p.target === target || p.target.endsWith(target)))
      store.getState().setChannelState(target, p.state);
  }
});
void store
  .getState()
  .restoreSession()
  .then(() => store.getState().syncSession());

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StoreProvider store={store}>
      {/* Electron shows no dialog for beforeunload (it would silently keep the window open); the
          session keeps unsaved drafts across a restart there anyway. */}
      <App askBeforeUnload={electronBridge() === undefined} />
    </StoreProvider>,
  );
