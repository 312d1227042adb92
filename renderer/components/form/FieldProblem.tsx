// What is wrong with a field, said beside it: the input is marked aria-invalid and described by
// the message, so a screen reader reads the reason where focus lands after a blocked Send.
import type { JsonValue } from '../../../shared/calls/events.js';

export function invalidProps(
  problemId: string,
  problem: string | null,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problem ? { 'aria-invalid': true, 'aria-describedby': problemId } : {};
}

export function FieldProblem({ id, problem }: { id: string; problem: string | null }) {
  if (!problem) return null;
  return (
    <span id={id} className="field-error">
      {problem}
    </span>
  );
}

/** A draft value shown as text exactly as it is in the JSON (strings without quotes). */
export function draftText(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
