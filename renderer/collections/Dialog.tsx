// A small modal form: Escape or Cancel closes it, Enter submits. It takes focus when it opens (its
// first field, else its Cancel button) and keeps Tab inside it while open.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last (the runner
 * dialog's too). Controls in a disabled fieldset are :disabled without having the attribute.
 */
export function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled'),
  );
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

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
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const field = form.current?.querySelector<HTMLElement>('input, select, textarea');
    (field ?? cancelButton.current)?.focus();
  }, []);
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        else trapTab(e);
      }}
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
          <button type="button" ref={cancelButton} onClick={onClose}>
            {cancel}
          </button>
          <button type="submit">{submit}</button>
        </div>
      </form>
    </div>
  );
}
