import { describe, expect, it } from 'vitest';
import { exampleSchema } from '../recording/recording.testkit.js';
import { methodCodecs } from './call-record.js';

describe("the proxy's codecs per method path", () => {
  it('are made once per path, and a stream of made-up paths does not grow them without end', () => {
    const { registry } = exampleSchema();
    const real = '/example.UserService/GetUser';
    const first = methodCodecs(registry, real);
    expect(first?.method.name).toBe('GetUser');
    expect(methodCodecs(registry, real)).toBe(first);
    // A client calling made-up methods: past the bound what was kept is let go and made again.
    for (let i = 0; i < 1000; i++) expect(methodCodecs(registry, `/made.Up/M${i}`)).toBeUndefined();
    const again = methodCodecs(registry, real);
    expect(again?.method).toBe(first?.method);
    expect(again).not.toBe(first);
  });
});
