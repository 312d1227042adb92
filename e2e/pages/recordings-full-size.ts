// Recordings at full size: find in the whole recording from the viewer, and the replay diff's
// differing messages side by side (issue 14, part 7). Extends the recordings panel's page object.
import type { Locator } from '@playwright/test';
import { RecordingsPanel } from './recordings.js';

export class FullSizeRecordings extends RecordingsPanel {
  get findBox(): Locator {
    return this.viewer.getByRole('searchbox', { name: 'Find in recording' });
  }

  /** "n of N", "Searching the recording…", "No matches in the recording". */
  get findCount(): Locator {
    return this.viewer.getByRole('search', { name: 'Find in recording' }).getByRole('status');
  }

  /** Where the hit shown is: `received message 998 · content`. */
  get findPlace(): Locator {
    return this.viewer.getByTestId('find-place');
  }

  async find(text: string): Promise<void> {
    await this.findBox.fill(text);
  }

  /** Enter (next) or Shift+Enter (previous) in the find box. */
  async step(direction: 'next' | 'previous'): Promise<void> {
    await this.findBox.press(direction === 'next' ? 'Enter' : 'Shift+Enter');
  }

  async clickStep(direction: 'next' | 'previous'): Promise<void> {
    await this.viewer
      .getByRole('button', { name: direction === 'next' ? 'Next match' : 'Previous match' })
      .click();
  }

  /** The selected event's detail under the recording's timeline. */
  get eventDetail(): Locator {
    return this.viewer.getByRole('region', { name: 'Event detail' });
  }

  get differingMessages(): Locator {
    return this.diff.getByRole('region', { name: 'Differing messages' });
  }

  /** One differing message, e.g. `Server message 3: differs`. */
  message(name: string): Locator {
    return this.differingMessages.getByRole('article', { name });
  }

  /** The recorded or replayed side of a differing message, and the lines marked in it. */
  side(message: Locator, which: 'Recorded' | 'Replayed'): Locator {
    return message.getByRole('figure', { name: which });
  }

  marked(side: Locator): Locator {
    return side.locator('mark');
  }

  pathsOf(message: Locator): Locator {
    return message.getByRole('list').getByRole('listitem');
  }

  async pageDifferences(direction: 'next' | 'previous'): Promise<void> {
    await this.differingMessages
      .getByRole('button', {
        name: direction === 'next' ? 'Next differences' : 'Previous differences',
      })
      .click();
  }
}
