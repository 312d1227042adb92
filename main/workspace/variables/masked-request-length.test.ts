// Masking lengthens a text (`e` -> `[secret:letter]`): a text near its field's limit must still
// give a document its schema accepts, or the history entry and `workspace.prepare` fail to read.
import { expect, it } from 'vitest';
import { RequestDocumentSchema } from '../../../shared/request/document.js';
import { MAX_EXPRESSION_LENGTH } from '../../../shared/request/checks.js';
import { TEXT } from '../../../shared/request/text-limits.js';
import { createSecretMask } from '../../calls/secret-mask.js';
import { sampleRequest } from '../workspace.testkit.js';
import { CUT_MARK, maskedRequest, maskedText, SHORTEST_TEXT_LIMIT } from './masked-request.js';

const mask = createSecretMask(new Map([['letter', 'e']]))!;
const long = 'get the user record '.repeat(9) + 'x'.repeat(15); // 195 characters, 27 'e'

it('every text limit of a request document leaves room for the shortest cut', () => {
  for (const limits of Object.values(TEXT)) expect(limits.max).toBeGreaterThanOrEqual(200);
  expect(MAX_EXPRESSION_LENGTH).toBeGreaterThanOrEqual(SHORTEST_TEXT_LIMIT);
  expect(SHORTEST_TEXT_LIMIT).toBe(200);
});

it('a masked name, address and authority near their limits keep the document valid', () => {
  const request = sampleRequest({
    name: long,
    connection: {
      address: `${'e'.repeat(1000)}:50051`,
      authority: 'e'.repeat(250),
      security: { kind: 'tls', serverName: 'e'.repeat(250) },
    },
    assertions: [{ expr: 'status.code == 0', name: long }],
  });
  const masked = maskedRequest(request, mask);
  expect(() => RequestDocumentSchema.parse(masked)).not.toThrow();
  expect(masked.name.length).toBeLessThanOrEqual(SHORTEST_TEXT_LIMIT);
  expect(masked.name.endsWith(CUT_MARK)).toBe(true);
  expect(masked.name.replaceAll('[secret:letter]', '')).not.toContain('e');
  expect(masked.connection.address.length).toBeLessThanOrEqual(TEXT.address.max);
});

it('a cut never splits a placeholder nor a surrogate pair', () => {
  for (let pad = 0; pad < 20; pad++) {
    const cut = maskedText('x'.repeat(180 + pad) + 'e'.repeat(5), mask);
    expect(cut.length).toBeLessThanOrEqual(SHORTEST_TEXT_LIMIT);
    expect(cut.slice(0, -1)).not.toMatch(/\[secret:[a-z]*$|\[se?c?r?e?t?$/);
    const emoji = maskedText('😀'.repeat(90 + pad) + 'e'.repeat(5), mask);
    expect(emoji.at(-2)!.charCodeAt(0)).not.toBe(0xd83d);
  }
});

it('a short masked text is not cut', () => {
  expect(maskedText('e', mask)).toBe('[secret:letter]');
});
