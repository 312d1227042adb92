// A load run's settings as the workbench sends them (`gwb load`'s flags as texts and numbers) into
// main/load's, through the same parsers `gwb load` uses. A mistake is an `invalid_input` error in
// the form's words whose details name the field (`rps`, `thresholds[1]`), so the view shows it
// beside that field.
import { CommandError } from '../../shared/contract/errors.js';
import type { LoadSettingsInput } from '../../shared/contract/load-commands.js';
import type { LoadSettings } from '../load/run-load.js';
import { parseDuration, parseRate } from '../load/schedule.js';
import { parseThreshold } from '../load/thresholds.js';

/** The settings' labels in the Load view, for the messages. */
const LABELS = {
  rps: 'Rate',
  duration: 'Duration',
  warmup: 'Warm-up',
  thresholds: 'Threshold',
} as const;

function fieldError(field: string, label: string, message: string): CommandError {
  // The parsers speak in flags (`--rps 10:x: …`); the view has fields.
  const words = message.replace(/^--[a-z-]+ /, '').replace(/^'[^']*': /, '');
  return new CommandError('invalid_input', `${label}: ${words}`, { field });
}

function parsed<T>(field: string, label: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw fieldError(field, label, (error as Error).message);
  }
}

/** Blank texts are left out: an empty field means the default. */
function text(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function loadSettingsOf(input: LoadSettingsInput): LoadSettings {
  const rps = text(input.rps);
  const duration = text(input.duration);
  const warmup = text(input.warmup);
  if (duration !== undefined && input.total !== undefined)
    throw new CommandError(
      'invalid_input',
      'Duration and Total calls: give one of them (a run ends after a time or after a number of calls)',
      { field: 'total' },
    );
  const settings: LoadSettings = {
    thresholds: input.thresholds
      .filter((t) => t.trim() !== '')
      .map((t, i) =>
        parsed(`thresholds[${i}]`, `${LABELS.thresholds} "${t}"`, () => parseThreshold(t)),
      ),
  };
  if (rps !== undefined) settings.rate = parsed('rps', LABELS.rps, () => parseRate(rps));
  if (duration !== undefined)
    settings.durationMs = parsed('duration', LABELS.duration, () =>
      parseDuration('--duration', duration),
    );
  if (warmup !== undefined)
    settings.warmupMs = parsed('warmup', LABELS.warmup, () => parseDuration('--warmup', warmup));
  if (input.concurrency !== undefined) settings.concurrency = input.concurrency;
  if (input.total !== undefined) settings.total = input.total;
  if (input.connections !== undefined) settings.connections = input.connections;
  if (input.streamMessages !== undefined) settings.streamMessages = input.streamMessages;
  if (input.workers !== undefined) settings.workers = input.workers;
  return settings;
}
