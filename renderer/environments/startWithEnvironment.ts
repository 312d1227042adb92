// Sending a tab that uses `{{variables}}`: the engine substitutes them (secrets included, which
// never come to the page) and refuses with the unknown names and where they are used.
// Tabs without variables keep the plain `call.start` path.
import type { Input } from '../../shared/contract/types.js';
import type { EngineClient } from '../api/client.js';
import { tabToSaved, usesVariables } from '../collections/tabRequest.js';
import type { WorkbenchState } from '../store/types.js';

export interface Started {
  callId: string;
  /** The engine already sent the first message(s) of a client or bidi stream. */
  sentBody: boolean;
}

export async function startWithEnvironment(
  client: EngineClient,
  state: WorkbenchState,
  tabId: string,
  plain: Input<'call.start'>,
): Promise<Started> {
  const tab = state.tabs.find((t) => t.id === tabId);
  if (!tab || !usesVariables(tab, state.connection)) {
    const { callId } = await client.invoke('call.start', plain);
    return { callId, sentBody: false };
  }
  const path = state.savedPaths[tabId];
  const { callId } = await client.invoke('request.start', {
    schemaId: plain.schemaId,
    request: tabToSaved(tab, state.connection, path?.split('/').at(-1) ?? tab.title),
    environment: state.selectedEnvironment,
    ...(path ? { requestPath: path } : {}),
    ...(plain.record !== undefined ? { record: plain.record } : {}),
  });
  return { callId, sentBody: true };
}
