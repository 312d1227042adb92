import { describe, expect, it } from 'vitest';
import { RequestDocumentSchema } from '../../shared/request/document.js';
import {
  ignoreAdded,
  ignoreEdited,
  ignoreRemoved,
  snapshotToggled,
  snapshotWith,
} from './snapshotSetting.js';

const doc = {
  name: 'get ada',
  connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
  method: '/example.UserService/GetUser',
  messages: [{}],
  metadata: [],
  options: {},
  notes: '',
};

describe('the request’s snapshot setting', () => {
  it('is absent when off, so a request that never had one saves unchanged', () => {
    expect(snapshotToggled(false)).toBeUndefined();
    expect(JSON.stringify({ ...doc, snapshot: snapshotToggled(false) })).toBe(JSON.stringify(doc));
  });

  it('is an empty setting when ticked, which the document accepts', () => {
    const snapshot = snapshotToggled(true);
    expect(snapshot).toEqual({});
    expect(RequestDocumentSchema.safeParse({ ...doc, snapshot }).success).toBe(true);
  });

  it('adds trimmed paths once, and no blank one (the document refuses an empty path)', () => {
    let s = ignoreAdded({}, '  headers.date ');
    s = ignoreAdded(s, 'headers.date');
    s = ignoreAdded(s, '   ');
    s = ignoreAdded(s, 'server.messages.time');
    expect(s).toEqual({ ignore: ['headers.date', 'server.messages.time'] });
    expect(RequestDocumentSchema.safeParse({ ...doc, snapshot: s }).success).toBe(true);
  });

  it('removes and edits one path by its place, and leaves out an emptied list', () => {
    const s = snapshotWith(['a', 'b']);
    expect(ignoreRemoved(s, 0)).toEqual({ ignore: ['b'] });
    expect(ignoreEdited(s, 1, 'c')).toEqual({ ignore: ['a', 'c'] });
    expect(ignoreRemoved(ignoreRemoved(s, 0), 0)).toEqual({});
  });
});
