// The renderer's entry: one transport, one store, one React root.
import { createRoot } from 'react-dom/client';
import { createTransport } from './transport/index.js';
import { createWorkbenchStore } from './store/index.js';
import { StoreProvider } from './store/useWorkbench.js';
import { App } from './components/App.js';
import './styles.css';

const transport = createTransport();
const store = createWorkbenchStore(transport);
store.getState().listen();
transport.subscribe('channel.state', (p) => {
  const target = store.getState().connection.address.trim();
  if (p.target === target || p.target.endsWith(target)) store.setState({ channelState: p.state });
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
