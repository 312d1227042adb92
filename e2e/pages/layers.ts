// What lies on top, as a pointer finds it: whether a click on the middle of a control lands on the
// control itself, not on something drawn over it (a drawer over a dialog). Specs never touch
// selectors.
import type { Locator } from '@playwright/test';

/** Whether the point in the middle of `control` hits the control (or something inside it). */
export function onTop(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

/** Whether an element's words are all shown, none hidden behind an ellipsis or its edge. */
export function textShownWhole(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5);
}
