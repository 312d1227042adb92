// A small modal form: Escape or Cancel closes it, Enter submits.
import type { ReactNode } from 'react';

export function Dialog({
  title,
  submit,
  onSubmit,
  onClose,
  error,
  children,
}: {
  title: string;
  submit: string;
  onSubmit: () => void;
  onClose: () => void;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <form
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
            Cancel
          </button>
          <button type="submit">{submit}</button>
        </div>
      </form>
    </div>
  );
}
