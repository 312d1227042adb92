import { createHmac, randomBytes } from 'node:crypto';

/**
 * Keyed with a random per-process secret: a plain hash of a weak secret (a proxy password, a
 * token in a user agent, a host name), once logged, could be brute-forced offline. Digests only
 * need to compare equal within this process (absent gives '', so absent and empty differ).
 */
const DIGEST_KEY = randomBytes(32);

/** A short per-process digest of `text` that can be logged without revealing it. */
export function secretDigest(text: string | undefined): string {
  return text === undefined
    ? ''
    : createHmac('sha256', DIGEST_KEY).update(text).digest('hex').slice(0, 16);
}
