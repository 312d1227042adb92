import type { JsonValue } from '../../../shared/calls/events.js';
import { createSecretMask } from '../../calls/secret-mask.js';

/**
 * Every secret value in every string (keys included) as `[secret:NAME]`: the call path's one mask
 * (main/calls/secret-mask.ts), for what the workspace keeps outside a call (history, previews).
 */
export function redactSecrets<T extends JsonValue>(
  value: T,
  secrets: ReadonlyMap<string, string>,
): T {
  return createSecretMask(secrets)?.json(value) ?? value;
}
