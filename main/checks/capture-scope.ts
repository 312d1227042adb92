// Captured values: variables set from call results (`token = response.token`), layered over the
// environment when a request's `{{variables}}` are substituted (main/workspace/variables). The
// engine holds one default scope for the workspace session (what the UI's calls use); a run makes
// its own and passes it to each call it starts, so runs never see each other's values.
// A secret value is handed out for substitution and masking only: `view()` (what a renderer may
// see) leaves it out.
import { createSecretMask } from '../calls/secret-mask.js';

/** A captured value no longer than this (1 MiB of text): it goes into every request that uses it. */
export const MAX_CAPTURED_VALUE_LENGTH = 1 << 20;
/** Distinct names a scope holds; setting one more drops the oldest. */
export const MAX_CAPTURED_NAMES = 1000;

export interface CapturedValue {
  name: string;
  value: string;
  secret: boolean;
}

/** What a renderer may see of a scope: every name, and the values that are not secret. */
export type CapturedView =
  { name: string; secret: false; value: string } | { name: string; secret: true };

export class CaptureScope {
  private readonly captured = new Map<string, CapturedValue>();

  set(name: string, value: string, secret = false): void {
    if (value.length > MAX_CAPTURED_VALUE_LENGTH)
      throw new RangeError(
        `the value of ${name} is longer than ${MAX_CAPTURED_VALUE_LENGTH} characters`,
      );
    this.captured.delete(name); // re-set: now the newest
    this.captured.set(name, { name, value, secret });
    if (this.captured.size > MAX_CAPTURED_NAMES)
      this.captured.delete(this.captured.keys().next().value as string);
  }

  delete(name: string): boolean {
    return this.captured.delete(name);
  }

  clear(): void {
    this.captured.clear();
  }

  get(name: string): CapturedValue | undefined {
    return this.captured.get(name);
  }

  get size(): number {
    return this.captured.size;
  }

  /** Name → value, secrets included: for substitution only. */
  values(): Map<string, string> {
    // Built in one pass: a run asks for every request it prepares.
    const values = new Map<string, string>();
    for (const c of this.captured.values()) values.set(c.name, c.value);
    return values;
  }

  /** The secret values (name → value), to be masked wherever a call's data is kept or shown. */
  secrets(): Map<string, string> {
    const secrets = new Map<string, string>();
    for (const c of this.captured.values()) if (c.secret) secrets.set(c.name, c.value);
    return secrets;
  }

  /**
   * Every name, and the values that are not secret, with any secret value inside them masked
   * (`user = response` captured beside `name = response.name` as a secret holds the name too).
   */
  view(): CapturedView[] {
    const mask = createSecretMask(this.secrets());
    return [...this.captured.values()].map((c) =>
      c.secret
        ? { name: c.name, secret: true as const }
        : { name: c.name, secret: false as const, value: mask ? mask.text(c.value) : c.value },
    );
  }
}
