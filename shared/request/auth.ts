// How a request (or a collection folder) authenticates. Every text may hold `{{variables}}`,
// secret ones included; the engine substitutes them and turns the auth into one metadata row
// (main/auth). Absent on a request: inherit from its folder (Postman's default).
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { lazySchema } from './lazy-schema.js';

const text = (): z.ZodType<string> => boundedText({ max: 1 << 16 });

export const AuthSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    /** The folder's auth (then its parent's …); a request outside any folder with auth: none. */
    z.strictObject({ type: z.literal('inherit') }),
    z.strictObject({ type: z.literal('none') }),
    /** `authorization: Bearer <token>` */
    z.strictObject({ type: z.literal('bearer'), token: text() }),
    /** `authorization: Basic base64(<username>:<password>)` (RFC 7617) */
    z.strictObject({ type: z.literal('basic'), username: text(), password: text() }),
    /** `<header>: <value>`, the header named by the user (`x-api-key`). */
    z.strictObject({ type: z.literal('apiKey'), header: text(), value: text() }),
    /** OAuth2 client credentials (RFC 6749 §4.4): a token fetched, cached and sent as Bearer. */
    z.strictObject({
      type: z.literal('oauth2'),
      tokenUrl: text(),
      clientId: text(),
      clientSecret: text(),
      scope: text().optional(),
      audience: text().optional(),
    }),
  ]),
);
export type Auth = z.infer<typeof AuthSchema>;
export type AuthType = Auth['type'];
