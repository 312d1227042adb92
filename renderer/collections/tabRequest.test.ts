import { describe, it, expect } from 'vitest';
import type { ConnectionSettings } from '../store/connectionSlice.js';
import type { Tab } from '../store/tabsSlice.js';
import { savedToConnection, savedToTab, tabToSaved, usesVariables } from './tabRequest.js';

const connection: ConnectionSettings = {
  address: 'localhost:50051',
  security: 'mtls',
  caFile: 'ca.pem',
  certFile: 'c.pem',
  keyFile: 'k.pem',
  serverName: 'api',
  authority: '',
  maxReceiveMb: '',
};

const tab: Tab = {
  id: 't',
  methodPath: '/example.UserService/GetUser',
  title: 'GetUser',
  body: '{"id": "{{userId}}"}',
  composer: '{}',
  metadata: [
    { key: 'x-a', value: '1', enabled: true },
    { key: 'x-off', value: '2', enabled: false },
    { key: '', value: '', enabled: true },
  ],
  deadline: '1500',
  editor: 'form',
  callId: null,
  stale: false,
};

describe('tab ↔ saved request', () => {
  it('round-trips the method, body, metadata, deadline and connection', () => {
    const saved = tabToSaved(tab, connection, 'Get one');
    expect(saved).toMatchObject({
      name: 'Get one',
      method: '/example.UserService/GetUser',
      body: { id: '{{userId}}' },
      metadata: [
        { key: 'x-a', value: '1' },
        { key: 'x-off', value: '2', enabled: false },
      ],
      deadlineMs: 1500,
      connection: {
        address: 'localhost:50051',
        security: {
          kind: 'tls',
          caFile: 'ca.pem',
          certFile: 'c.pem',
          keyFile: 'k.pem',
          serverName: 'api',
        },
      },
    });
    const back = savedToTab(saved);
    expect(JSON.parse(back.body)).toEqual({ id: '{{userId}}' });
    expect(back.metadata).toEqual([
      { key: 'x-a', value: '1', enabled: true },
      { key: 'x-off', value: '2', enabled: false },
    ]);
    expect(back.deadline).toBe('1500');
    expect(savedToConnection(saved)).toMatchObject({
      security: 'mtls',
      caFile: 'ca.pem',
      serverName: 'api',
    });
  });

  it('says what is wrong instead of saving a broken tab', () => {
    expect(() => tabToSaved({ ...tab, body: '{"id": ' }, connection, 'x')).toThrow(
      /Request JSON does not parse/,
    );
    expect(() => tabToSaved({ ...tab, deadline: '-3' }, connection, 'x')).toThrow(/Deadline: "-3"/);
    expect(() => tabToSaved({ ...tab, methodPath: null }, connection, 'x')).toThrow(
      /Pick a method/,
    );
  });

  it('notices variables in the body, enabled metadata and the address only', () => {
    const plain = {
      ...tab,
      body: '{}',
      metadata: [{ key: 'x', value: '{{off}}', enabled: false }],
    };
    expect(usesVariables(plain, connection)).toBe(false);
    expect(usesVariables(tab, connection)).toBe(true);
    expect(usesVariables(plain, { ...connection, address: '{{host}}:1' })).toBe(true);
  });
});
