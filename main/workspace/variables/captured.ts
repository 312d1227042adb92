// Captured values (issue 15: `token = response.token` after a call) as one more layer of
// variables, over the environment's: a captured name wins over an environment variable of the
// same name, being the newer value. Secret captured values join the environment's secrets, so
// the one mask (main/calls/secret-mask.ts) hides them wherever a call's data is kept or shown.
// main/checks' CaptureScope is one; the workspace only needs these two reads.

export interface CapturedVariables {
  /** Name → value, secrets included. */
  values(): ReadonlyMap<string, string>;
  /** The secret ones (name → value). */
  secrets(): ReadonlyMap<string, string>;
}

export interface ResolvedVariables {
  values: Map<string, string>;
  secretValues: Map<string, string>;
}

export function layerCaptured(
  resolved: ResolvedVariables,
  captured: CapturedVariables | undefined,
): ResolvedVariables {
  if (captured === undefined) return resolved;
  const capturedValues = captured.values();
  // Nothing captured (a run whose requests capture nothing, before the first capture): nothing
  // to layer, no secret either (secrets are among the values), and no copies for each request.
  if (capturedValues.size === 0) return resolved;
  const values = new Map([...resolved.values, ...capturedValues]);
  const secretValues = new Map(resolved.secretValues);
  for (const [name, value] of captured.secrets()) secretValues.set(name, value);
  return { values, secretValues };
}
