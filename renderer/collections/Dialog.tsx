// A small modal form: Escape or Cancel closes it, Enter submits. Focus and Tab are useModalFocus's
// (its first field, else its Cancel button, takes focus; Tab stays inside).
import { useRef, type ReactNode } from 'react';
import { useModalFocus } from '../components/useModalFocus.js';

export function Dialog({
  title,
  submit,
  cancel = 'Cancel',
  onSubmit,
  onClose,
  error,
  children,
}: {
  title: string;
  submit: string;
  /** The label of the button that closes without doing anything. */
  cancel?: string;
  onSubmit: () => void;
  onClose: () => void;
  error?: string | null;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const onKeyDown = useModalFocus(form, onClose);
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      onKeyDown={onKeyDown}
    >
      <form
        ref={form}
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2>{title}</h2>
        {children}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {cancel}
          </button>
          <button type="submit">{submit}</button>
        </div>
      </form>
    </div>
  );
}
