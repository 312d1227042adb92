// "Run with dependencies" through the store: the request and exactly the earlier requests of its
// folder it takes captured values from go to runner.start as its `paths` list, in folder order —
// not a glob, which could not pick 1 and 3 without 2.
import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../../shared/request/index.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';

const doc = (over: Partial<RequestDocument>): RequestDocument => ({
  name: 'r',
  connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
  method: '/a.B/C',
  messages: [{}],
  metadata: [],
  options: {},
  notes: '',
  ...over,
});

const docs: Record<string, RequestDocument> = {
  'c/f/1 sign in': doc({ captures: [{ name: 'token', expr: 'response.token' }] }),
  'c/f/2 unrelated': doc({ messages: [{ id: '2' }] }),
  'c/f/3 profile': doc({ messages: [{ id: '{{token}}' }] }),
  'c/f/4 later': doc({}),
};

describe('run with dependencies', () => {
  it('runs exactly the request and the ones it depends on, by their paths', async () => {
    const client = new ScriptedClient({
      'request.read': (raw) => ({ request: docs[(raw as { path: string }).path] }),
      'runner.start': () => {
        throw new Error('stop here: only the input is looked at');
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.setState({
      collectionTree: [
        {
          kind: 'collection',
          name: 'c',
          path: 'c',
          children: [
            {
              kind: 'folder',
              name: 'f',
              path: 'c/f',
              children: Object.keys(docs).map((path) => ({
                kind: 'request' as const,
                name: path.split('/').at(-1)!,
                path,
              })),
            },
          ],
        },
      ],
    });
    await store.getState().openRunnerWithDependencies('c/f/3 profile');
    expect(store.getState().runnerTarget).toEqual({
      path: 'c/f',
      dependenciesOf: 'c/f/3 profile',
      paths: ['c/f/1 sign in', 'c/f/3 profile'],
    });
    await store
      .getState()
      .startRun({ environment: null, iterations: 1, filter: '', bail: false, dataFile: '' });
    const [input] = client.inputs('runner.start');
    expect(input).toMatchObject({ target: 'c/f', paths: ['c/f/1 sign in', 'c/f/3 profile'] });
    expect(input).not.toHaveProperty('filter');
  });
});
