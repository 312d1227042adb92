// Keys that scroll a read-only viewer sideways. Not editable, the viewer has no cursor for the
// arrows to move, and the browser does not scroll CodeMirror's scroller for keys pressed in its
// content: a long line in a narrow pane could be reached by Tab but not read to its end.
import type { EditorView, KeyBinding } from '@codemirror/view';

/** One arrow press moves this far, about as far as the browser's own arrow-key scroll. */
const STEP_PX = 40;

const scrollTo =
  (left: (view: EditorView) => number) =>
  (view: EditorView): boolean => {
    view.scrollDOM.scrollLeft = left(view);
    return true;
  };

/** ArrowLeft / ArrowRight a step, Home / End to the start / end of the longest line. */
export const sidewaysScrollKeys: readonly KeyBinding[] = [
  { key: 'ArrowLeft', run: scrollTo((v) => v.scrollDOM.scrollLeft - STEP_PX) },
  { key: 'ArrowRight', run: scrollTo((v) => v.scrollDOM.scrollLeft + STEP_PX) },
  { key: 'Home', run: scrollTo(() => 0) },
  { key: 'End', run: scrollTo((v) => v.scrollDOM.scrollWidth) },
];
