// The fields the Load view's settings form has. An engine answer that names another field (the
// request's `method`, `connection.protocol`) is not about the settings: it is shown as the run's
// words, never as an error beside a field the form does not show.

export const LOAD_FORM_FIELDS = [
  'concurrency',
  'rps',
  'duration',
  'total',
  'warmup',
  'connections',
  'streamMessages',
  'workers',
  'thresholds',
  'dataFile',
] as const;

const NAMES: ReadonlySet<string> = new Set(LOAD_FORM_FIELDS);

/** The field when the form has it (`thresholds[1]` is the Thresholds field); otherwise null. */
export function formFieldOf(field: string | null): string | null {
  if (field === null) return null;
  return NAMES.has(field) || field.startsWith('thresholds[') ? field : null;
}
