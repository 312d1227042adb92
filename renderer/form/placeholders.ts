// A value holding a `{{variable}}` is checked only after the engine substitutes it: `"{{count}}"`
// in an int32 field is not a wrong number but a number still to come. The rule is the engine's
// own scanner (shared/workspace/placeholders.ts), so the form and the engine never disagree on
// what a placeholder is.
import type { JsonValue } from '../../shared/calls/events.js';
import { hasPlaceholder } from '../../shared/workspace/placeholders.js';

/** Whether a value is text the engine substitutes variables in before the schema sees it. */
export function awaitsSubstitution(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && hasPlaceholder(value);
}
