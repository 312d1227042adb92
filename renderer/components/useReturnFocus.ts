// When a modal closes (a button, Escape), focus goes back to what opened it, so a keyboard user
// carries on where they were instead of at the top of the page (WAI-ARIA dialog pattern). What
// had focus when the dialog opened is the opener: menus hand focus back to their button before
// the action they run opens a dialog.
import { useLayoutEffect, useRef } from 'react';

export function useReturnFocus(open: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect: it runs before the dialog's own effect moves focus into it.
  useLayoutEffect(() => {
    if (!open) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    return () => {
      const el = opener.current;
      opener.current = null;
      if (el?.isConnected) el.focus();
    };
  }, [open]);
}
