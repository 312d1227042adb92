// An event of the recording open in the viewer, as a user opens it: a row of the recording's
// timeline clicked, and the detail it opens (its heading, when it happened and the message's
// size, its JSON). Specs never touch selectors.
import { expect, type Locator } from '@playwright/test';
import type { RecordingsPanel } from './recordings.js';

export class RecordingEvent {
  constructor(readonly rec: RecordingsPanel) {}

  /** The rows of the recording's timeline. */
  get rows(): Locator {
    return this.rec.timeline
      .getByRole('listbox', { name: 'Recording timeline events' })
      .getByRole('option');
  }

  get detail(): Locator {
    return this.rec.viewer.getByRole('region', { name: 'Event detail' });
  }

  /** The detail's heading: the event named (a message by its number in its direction). */
  get heading(): Locator {
    return this.detail.getByRole('heading');
  }

  /** The detail's line of facts beside its heading: when, and a message's size. */
  get facts(): Locator {
    return this.detail.getByText(/^at \+/);
  }

  /** Opens the first row that says `text` (e.g. 'sent') in the detail. */
  async open(text: string): Promise<void> {
    await this.rows.filter({ hasText: text }).first().click();
    await expect(this.detail).toBeVisible();
  }
}
