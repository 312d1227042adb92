// Every modal's keyboard in one place (WAI-ARIA dialog pattern): it takes focus when it opens (its
// field marked data-autofocus, else its first field, else its first button), keeps Tab inside it,
// closes on Escape, and gives focus back to its opener when it closes. Dialogs that did part of
// this by hand let Shift+Tab walk out to the page behind the overlay, where Escape no longer
// reached them and the dialog stayed open.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useReturnFocus } from './useReturnFocus.js';

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])';

/** Controls in a disabled fieldset are :disabled without having the attribute. */
function enabled(box: HTMLElement, selector: string): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(selector)].filter((el) => !el.matches(':disabled'));
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
export function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  const items = enabled(e.currentTarget, FOCUSABLE);
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

function focusFirst(box: HTMLElement): void {
  const first =
    enabled(box, '[data-autofocus]')[0] ??
    enabled(box, 'input, select, textarea')[0] ??
    enabled(box, 'button')[0];
  first?.focus();
}

/**
 * Call it in the modal; put the handler it returns on the element with role="dialog".
 * `open` is for modals that stay mounted while closed; `onEscape` decides whether Escape closes
 * (a running load or run is not closed by it).
 */
export function useModalFocus(
  box: RefObject<HTMLElement | null>,
  onEscape: () => void,
  open = true,
): (e: KeyboardEvent<HTMLElement>) => void {
  useReturnFocus(open);
  useEffect(() => {
    // Not React's autoFocus: it focuses during the commit, before the opener is noted.
    if (open && box.current) focusFirst(box.current);
  }, [box, open]);
  return (e) => {
    if (e.key === 'Escape') onEscape();
    else trapTab(e);
  };
}
