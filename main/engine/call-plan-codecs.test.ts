// A call's codecs are made once per loaded schema, message type and options, not for every call:
// a run makes the same call hundreds of times. Calls with other options, or of another schema
// (a reload), get their own.
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/load-proto-files.js';
import { planCall } from './call-plan.js';
import { demoRequest } from './engine.testkit.js';

const load = () =>
  loadProtoFiles({
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });

const request = (options = {}) =>
  demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{ id: '1' }], { options });

describe('call codecs', () => {
  it('are made once per schema, type and options', () => {
    const schema = load();
    const first = planCall(schema, request(), undefined);
    const again = planCall(schema, request(), undefined);
    expect(again.requestCodec).toBe(first.requestCodec);
    expect(again.responseCodec).toBe(first.responseCodec);
    const emitting = planCall(schema, request({ emitDefaults: true }), undefined);
    expect(emitting.requestCodec).toBe(first.requestCodec);
    expect(emitting.responseCodec).not.toBe(first.responseCodec);
    const lenient = planCall(schema, request({ allowUnknownFields: true }), undefined);
    expect(lenient.requestCodec).not.toBe(first.requestCodec);
    expect(lenient.requestCodec.encode({ id: '1', nope: 1 })).toEqual(
      first.requestCodec.encode({ id: '1' }),
    );
    const reloaded = planCall(load(), request(), undefined);
    expect(reloaded.requestCodec).not.toBe(first.requestCodec);
  });
});
