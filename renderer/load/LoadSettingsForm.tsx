// The settings of a load run, as `gwb load` takes them: calls in flight, a rate (or as fast as the
// calls end) with an optional ramp, a duration or a number of calls, warm-up, connections,
// messages per stream call, worker threads, thresholds, and a data file (the runner's one field and
// file chooser; the engine reads it with the runner's one reader). Counts are checked here (a whole number from 1); the texts
// (rate, durations, thresholds) by the engine with gwb load's parsers, whose answer names the
// field, shown beside it.
import { useId, useState, type ReactNode } from 'react';
import type { LoadSettingsInput } from '../../shared/contract/load-commands.js';
import { DataFileField, type DataFileFound } from '../runner/DataFileField.js';

interface Texts {
  concurrency: string;
  rps: string;
  duration: string;
  total: string;
  warmup: string;
  connections: string;
  streamMessages: string;
  workers: string;
  thresholds: string;
}

const INITIAL: Texts = {
  concurrency: '4',
  rps: '',
  duration: '10s',
  total: '',
  warmup: '',
  connections: '1',
  streamMessages: '',
  workers: '',
  thresholds: '',
};

const LABELS: Record<keyof Texts, string> = {
  concurrency: 'Concurrency',
  rps: 'Rate (calls/s)',
  duration: 'Duration',
  total: 'Total calls',
  warmup: 'Warm-up',
  connections: 'Connections',
  streamMessages: 'Messages per stream call',
  workers: 'Worker threads',
  thresholds: 'Thresholds',
};

type Counted = 'concurrency' | 'total' | 'connections' | 'streamMessages' | 'workers';
const COUNTED: Counted[] = ['concurrency', 'total', 'connections', 'streamMessages', 'workers'];

/** The most worker threads load.start takes. */
const MAX_WORKERS = 16;

/** The settings, or the first field that is not a whole number from 1 and why. */
export function settingsOf(
  t: Texts,
): { settings: LoadSettingsInput } | { field: string; error: string } {
  const settings: LoadSettingsInput = {
    thresholds: t.thresholds
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
  for (const key of COUNTED) {
    const text = t[key].trim();
    if (text === '') continue;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1)
      return { field: key, error: `${LABELS[key]}: "${text}" is not a whole number from 1` };
    if (key === 'workers' && n > MAX_WORKERS)
      return { field: key, error: `${LABELS[key]}: ${n} is more than ${MAX_WORKERS}` };
    settings[key] = n;
  }
  if (t.rps.trim() !== '') settings.rps = t.rps.trim();
  if (t.duration.trim() !== '') settings.duration = t.duration.trim();
  if (t.warmup.trim() !== '') settings.warmup = t.warmup.trim();
  return { settings };
}

function Field({
  name,
  hint,
  error,
  children,
}: {
  name: keyof Texts;
  hint: string;
  error: string | null;
  children: (ids: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`load-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{LABELS[name]}</label>
      {children({ id, describedBy: error ? `${errorId} ${hintId}` : hintId, invalid: !!error })}
      <span id={hintId} className="muted load-hint">
        {hint}
      </span>
      {error && (
        <span id={errorId} className="error-text">
          {error}
        </span>
      )}
    </div>
  );
}

/** What the data file field shows: here only why the engine could not read the file. */
function dataFileFound(
  value: string,
  error: { field: string | null; message: string } | null,
): DataFileFound | null {
  if (error?.field !== 'dataFile') return null;
  return { file: value.trim(), rows: null, error: error.message };
}

export function LoadSettingsForm({
  running,
  error,
  onRun,
}: {
  running: boolean;
  /** The engine's or this form's complaint, and the field it is about. */
  error: { field: string | null; message: string } | null;
  /** The settings, and the data file when one is given. */
  onRun: (settings: LoadSettingsInput, dataFile?: string) => void;
}) {
  const [texts, setTexts] = useState<Texts>(INITIAL);
  const [dataFile, setDataFile] = useState('');
  const [local, setLocal] = useState<{ field: string; error: string } | null>(null);
  const errorFor = (name: keyof Texts): string | null => {
    if (local) return local.field === name ? local.error : null;
    if (!error?.field) return null;
    const field =
      error.field === 'thresholds' || error.field.startsWith('thresholds[')
        ? 'thresholds'
        : error.field;
    return field === name ? error.message : null;
  };
  const input = (name: Exclude<keyof Texts, 'thresholds'>, hint: string, placeholder = '') => (
    <Field name={name} hint={hint} error={errorFor(name)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={texts[name]}
          placeholder={placeholder}
          inputMode={COUNTED.includes(name as Counted) ? 'numeric' : 'text'}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => {
            setLocal(null);
            setTexts({ ...texts, [name]: e.target.value });
          }}
        />
      )}
    </Field>
  );
  return (
    <form
      className="load-settings"
      aria-label="Load settings"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = settingsOf(texts);
        if ('error' in checked) setLocal(checked);
        else if (dataFile.trim() === '') onRun(checked.settings);
        else onRun(checked.settings, dataFile.trim());
      }}
    >
      <fieldset disabled={running} className="load-fieldset">
        <legend className="visually-hidden">Load settings</legend>
        {input('concurrency', 'calls in flight; with a rate, the most in flight')}
        {input('rps', 'empty: as fast as calls end; 500; or a ramp 100:1000:30s', 'unlimited')}
        {input('duration', 'e.g. 500ms, 10s, 2m; or give total calls', '10s')}
        {input('total', 'counted calls in all, instead of a duration')}
        {input('warmup', 'calls first, not counted, e.g. 2s')}
        {input('connections', 'TCP connections the calls are spread over')}
        {input('streamMessages', 'messages each client or bidi stream call sends')}
        {input('workers', 'threads the calls run on; empty: min(cores, 4)', 'auto')}
        <div className="load-field load-data-file">
          <DataFileField
            value={dataFile}
            onChange={(path) => {
              setLocal(null);
              setDataFile(path);
            }}
            found={dataFileFound(dataFile, error)}
            use="Call k uses row k (modulo the rows), its columns as variables; {{$uuid}}-style values are new for every call"
          />
        </div>
        <Field
          name="thresholds"
          hint="one a line: p99 < 50ms, errors < 0.1%, rps > 1000"
          error={errorFor('thresholds')}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={2}
              value={texts.thresholds}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                setLocal(null);
                setTexts({ ...texts, thresholds: e.target.value });
              }}
            />
          )}
        </Field>
        <div className="load-run-button">
          <button type="submit" className="primary">
            Run load
          </button>
        </div>
      </fieldset>
      {error && !error.field && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      {(local || (error?.field && error.field !== 'dataFile')) && (
        <p className="visually-hidden" role="alert">
          {local?.error ?? error?.message}
        </p>
      )}
    </form>
  );
}
