// The library's own text behind the words, one click away: shown on demand, never the headline.
import { useId, useState } from 'react';

export function FailureDetails({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="failure-details">
      <button
        type="button"
        className="link"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide details' : 'Show details'}
      </button>
      {/* Not in the page while closed: its words must not read as the message. */}
      {open && (
        <pre id={id} className="mono" aria-label="Technical details">
          {text}
        </pre>
      )}
    </div>
  );
}
