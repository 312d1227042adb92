import { describe, expect, it } from 'vitest';
import { isBuilt } from '../request/lazy-schema.js';
import { RequestDocumentSchema } from '../request/document.js';
import { CapturesSchema } from '../request/checks.js';
import { requestFromGrpcurl } from '../grpcurl/to-request.js';
import { parseGrpcurlArgs } from '../grpcurl/parse-args.js';
import { commands } from './index.js';
import { recordingSummarySchema } from './recording-commands.js';
import { runSummarySchema } from './runner-commands.js';
import { loadSummarySchema } from './load-commands.js';
import { schemaModelSchema, callEventSchema } from './model.js';
import { SessionSchema } from '../session/session.js';
import { SavedRequestSchema } from '../workspace/saved-request.js';

// What gwb's one call does with the contract (app/cli/commands/invoke.ts): a document from its
// flags, then call.start's input validated at the boundary. It builds the document's schemas
// and call.start's, none of the schemas of the commands it does not run.
describe('a gwb call builds only the schemas it validates with', () => {
  it('the document and call.start, not the recording, runner, load, session or model schemas', () => {
    const unused = {
      recordingSummarySchema,
      runSummarySchema,
      loadSummarySchema,
      schemaModelSchema,
      callEventSchema,
      SessionSchema,
      SavedRequestSchema,
    };
    const builtBefore = Object.entries(unused).filter(([, s]) => isBuilt(s));
    expect(builtBefore).toEqual([]);
    expect(isBuilt(RequestDocumentSchema)).toBe(false);

    const argv = [
      '-plaintext',
      '-d',
      '{"id":"1"}',
      '127.0.0.1:50051',
      'example.UserService/GetUser',
    ];
    const parsed = parseGrpcurlArgs(argv);
    const request = requestFromGrpcurl(parsed, {
      address: '127.0.0.1:50051',
      method: parsed.positional[1] ?? '',
    });
    const input = commands['call.start'].input.parse({ schemaId: 's1', request });
    expect(input.request.connection).toEqual({
      address: '127.0.0.1:50051',
      security: { kind: 'plaintext' },
    });

    expect(isBuilt(RequestDocumentSchema)).toBe(true);
    const builtAfter = Object.entries(unused)
      .filter(([, s]) => isBuilt(s))
      .map(([name]) => name);
    expect(builtAfter).toEqual([]);
  });

  it("validates a document's optional parts when it has them, as before", () => {
    const base = {
      name: 'n',
      connection: { address: 'h:1', security: { kind: 'plaintext' } },
      method: '/a.B/C',
      messages: [],
      metadata: [],
      options: {},
      notes: '',
    };
    const refused = RequestDocumentSchema.safeParse({
      ...base,
      assertions: [{ expr: '' }],
      snapshot: { ignore: [''] },
      auth: { type: 'nope' },
    });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'auth.type',
      'assertions.0.expr',
      'snapshot.ignore.0',
    ]);
    const doc = { ...base, captures: [{ name: 'token', expr: 'response.token' }] };
    expect(RequestDocumentSchema.parse(doc)).toEqual(doc);
    expect(isBuilt(CapturesSchema)).toBe(true);
  });
});
