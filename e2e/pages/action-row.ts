// The request pane's action row (method, Record, Deadline, Send and the stream's buttons) as a
// person sees it: which buttons it shows and whether they sit on one line. Specs never touch selectors.
import type { Locator } from '@playwright/test';
import type { WorkbenchPage } from './workbench.js';

export type ActionName = 'Send' | 'Send message' | 'End stream' | 'Cancel';

export class ActionRowPage {
  constructor(readonly wb: WorkbenchPage) {}

  button(name: ActionName): Locator {
    return this.wb.request.getByRole('button', { name, exact: true });
  }

  /** A button of the open stream's composer (in the response pane). */
  composerButton(name: Exclude<ActionName, 'Send'>): Locator {
    return this.wb.response
      .getByRole('group', { name: 'Next message' })
      .getByRole('button', { name, exact: true });
  }

  /** The heights of the composer's buttons: one line of text each when they are all alike. */
  async composerButtonHeights(): Promise<number[]> {
    const out: number[] = [];
    for (const name of ['Send message', 'End stream', 'Cancel'] as const) {
      const box = await this.composerButton(name).boundingBox();
      if (!box) throw new Error(`the composer's ${name} button is not on screen`);
      out.push(Math.round(box.height));
    }
    return out;
  }

  /** The deadline box and the Record switch, which share the row with the buttons. */
  get deadline(): Locator {
    return this.wb.request.getByRole('textbox', { name: 'Deadline (ms)' });
  }

  /**
   * Where the named buttons sit (their vertical centres: one line when equal) and which of them,
   * or the deadline field, is cut off at the pane's edge.
   */
  async layout(names: readonly ActionName[]): Promise<{
    tops: number[];
    heights: number[];
    clipped: string[];
  }> {
    const pane = await this.wb.request.boundingBox();
    if (!pane) throw new Error('the request pane is not on screen');
    const boxes: { name: string; box: { x: number; y: number; width: number; height: number } }[] =
      [];
    for (const name of names) {
      const box = await this.button(name).boundingBox();
      if (!box) throw new Error(`the ${name} button is not on screen`);
      boxes.push({ name, box });
    }
    const buttons = [...boxes];
    const deadline = await this.deadline.boundingBox();
    if (!deadline) throw new Error('the deadline field is not on screen');
    boxes.push({ name: 'Deadline', box: deadline });
    return {
      tops: buttons.map((b) => Math.round(b.box.y + b.box.height / 2)),
      heights: buttons.map((b) => Math.round(b.box.height)),
      clipped: boxes
        .filter((b) => b.box.x < pane.x - 0.5 || b.box.x + b.box.width > pane.x + pane.width + 0.5)
        .map((b) => b.name),
    };
  }
}
