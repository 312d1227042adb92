// A modal takes focus when it opens (its field marked data-autofocus, else its first field or
// button) and gives it back to its opener when it closes: without this, Escape and Tab still acted
// on the page behind the dialog (the Connection settings and Environments dialogs opened with
// focus left on their button, or the opener was lost to an autoFocus field).
import { useEffect, type RefObject } from 'react';
import { useReturnFocus } from './useReturnFocus.js';

const FIRST = 'input, select, textarea, button';

export function useModalFocus(box: RefObject<HTMLElement | null>): void {
  useReturnFocus(true);
  useEffect(() => {
    // Not React's autoFocus: it focuses during the commit, before the opener is noted.
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>(FIRST);
    first?.focus();
  }, [box]);
}
