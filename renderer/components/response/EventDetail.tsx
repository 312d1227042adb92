// One timeline event in full: a heading that names it (a message by its number in its direction),
// its JSON with syntax colours, folding and selection (the response viewer), and Copy.
import { useEffect, useState } from 'react';
import { ResponseViewer } from './ResponseViewer.js';

export function EventDetail({
  heading,
  when,
  size,
  text,
  json,
  onClose,
}: {
  heading: string;
  /** When it happened, from the start of the call. */
  when: string;
  size: string | undefined;
  text: string;
  /** False for an undecodable message, whose text is the decoder's error. */
  json: boolean;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  // Another event shown: the old "Copied" would say something untrue about it.
  useEffect(() => setCopied('idle'), [text]);
  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="event-detail" role="region" aria-label="Event detail">
      <div className="event-detail-head">
        <h3>{heading}</h3>
        <span className="muted">
          at {when}
          {size ? ` · ${size}` : ''}
        </span>
        <span style={{ flex: 1 }} />
        <span className="muted" aria-live="polite">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy' : ''}
        </span>
        <button className="small" onClick={copy}>
          Copy
        </button>
        <button className="small" onClick={onClose}>
          Close
        </button>
      </div>
      {json ? (
        <div className="event-detail-body">
          <ResponseViewer text={text} label="Event JSON" />
        </div>
      ) : (
        <pre className="error-text">{text}</pre>
      )}
    </div>
  );
}
