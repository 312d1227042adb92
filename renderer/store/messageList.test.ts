import { describe, it, expect } from 'vitest';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from './index.js';
import { duplicateMessage } from './messageList.js';
import { tabById } from './selectors.js';

function tabWith(texts: string[]) {
  const store = createWorkbenchStore(new ScriptedClient({}), (cb) => cb());
  store.getState().newTab();
  const tabId = store.getState().activeTabId!;
  texts.forEach((t, i) => store.getState().setMessageText(tabId, i, t));
  return { store, tabId };
}

describe('duplicateMessage', () => {
  it('puts an exact copy right after the message, text as typed, draft as parsed', () => {
    const { store, tabId } = tabWith(['{"a": 1}', '{"b": 2}', '{"c": 3}']);
    expect(duplicateMessage(store, tabId, 1)).toBe(2);
    const tab = tabById(store.getState(), tabId)!;
    expect(tab.texts).toEqual(['{"a": 1}', '{"b": 2}', '{"b": 2}', '{"c": 3}']);
    expect(tab.draft.messages).toEqual([{ a: 1 }, { b: 2 }, { b: 2 }, { c: 3 }]);
  });

  it('copies a text that does not parse yet as it is', () => {
    const { store, tabId } = tabWith(['{"a": ']);
    duplicateMessage(store, tabId, 0);
    expect(tabById(store.getState(), tabId)!.texts).toEqual(['{"a": ', '{"a": ']);
  });

  it('does nothing for a message that is not there', () => {
    const { store, tabId } = tabWith(['{}']);
    expect(duplicateMessage(store, tabId, 3)).toBe(-1);
    expect(tabById(store.getState(), tabId)!.texts).toEqual(['{}']);
  });
});
