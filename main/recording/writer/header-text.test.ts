import { describe, expect, it } from 'vitest';
import { exampleSchema } from '../recording.testkit.js';
import { recordingHeaderFor } from './call-recorder.js';
import { headerText } from './recording-writer.js';

const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';

describe("a recording header's line, its schema files serialized once per method", () => {
  it('shares one files array between the recordings of a method', () => {
    const a = recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 't' }, 'a');
    const b = recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 'u' }, 'b');
    expect(a.files.length).toBeGreaterThan(0);
    expect(b.files).toBe(a.files);
    expect(Object.isFrozen(a.files)).toBe(true);
  });

  it('reads exactly as JSON.stringify writes it, whatever the metadata holds', () => {
    const header = recordingHeaderFor(
      {
        registry: schema.registry,
        method: METHOD,
        target: 't',
        metadata: [
          { key: 'x-files', value: '"files":0' },
          { key: '"files":0', value: '\\"files":0 ünï' },
        ],
        deadlineMs: 1500,
        schemaSource: 'example.proto',
      },
      'c',
    );
    for (let i = 0; i < 2; i++) expect(headerText(header)).toBe(`${JSON.stringify(header)}\n`);
    const unfrozen = { ...header, files: [...header.files] };
    expect(headerText(unfrozen)).toBe(`${JSON.stringify(unfrozen)}\n`);
  });
});
