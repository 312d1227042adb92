// The next steps a failure offers, as buttons that do them.
import { NEXT_STEP_LABELS, type NextStep } from './words.js';

export function NextSteps({
  steps,
  onStep,
}: {
  steps: readonly NextStep[];
  onStep: (step: NextStep) => void;
}) {
  return (
    <div className="next-steps">
      {steps.map((step, i) => (
        <button
          key={step}
          type="button"
          className={i === 0 ? 'primary' : undefined}
          onClick={() => onStep(step)}
        >
          {NEXT_STEP_LABELS[step]}
        </button>
      ))}
    </div>
  );
}
