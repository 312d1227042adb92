// Why this tab has no schema, where the request would be: the reason in words, the next step as a
// button (load .proto files, switch TLS/plaintext, retry) and the engine's text one click away.
// It goes away by itself once a load of the tab succeeds (schemasSlice drops the failure).
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { withSecurityMode } from '../components/securityMode.js';
import { failureWords, type FailureWords, type NextStep } from './words.js';
import { contextOf, type SchemaFailure } from './schemaFailure.js';
import { FailureDetails } from './FailureDetails.js';
import { NextSteps } from './NextSteps.js';

/** Words for a failure the table does not know (a .proto file that does not compile, …). */
function otherWords(f: SchemaFailure): FailureWords {
  return {
    headline: f.reflection
      ? `The schema of ${f.target} could not be loaded`
      : 'The schema files could not be loaded',
    hint: f.message,
    next: f.reflection ? ['retry', 'load_protos'] : ['retry'],
  };
}

export function SchemaFailureBanner({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const failure = useWb((s) => s.schemaFailures[tabId]);
  const error = useWb((s) => tabById(s, tabId)?.schemaError ?? '');
  const loading = useWb((s) => tabById(s, tabId)?.schemaStatus === 'loading');
  const retry = (): void => void store.getState().loadSchema(tabId, { reload: true });
  const onStep = (step: NextStep): void => {
    const s = store.getState();
    if (step === 'load_protos') {
      s.setSettingsOpen(true);
      return;
    }
    if (step === 'use_tls' || step === 'use_plaintext') {
      const security = tabById(s, tabId)?.draft.connection.security ?? { kind: 'plaintext' };
      const mode = step === 'use_tls' ? 'tls' : 'plaintext';
      s.setConnection({ security: withSecurityMode(security, mode) }, tabId);
    }
    retry();
  };
  const words: FailureWords = !failure
    ? { headline: error, hint: '', next: ['retry'] }
    : failure.kind === undefined
      ? otherWords(failure)
      : failureWords(failure.kind, contextOf(failure));
  const raw = failure?.rawMessage ?? failure?.message;
  return (
    <div className="failure-banner" role="alert" aria-label="Schema not loaded">
      <h2 className="failure-title">Schema not loaded</h2>
      <p className="failure-headline">{words.headline}</p>
      {words.hint && <p className="failure-hint">{words.hint}</p>}
      <p className="muted">
        {failure?.reflection === false
          ? 'The service list is cleared until the files load; your request is kept and comes back with the schema.'
          : "The service list is cleared so it does not show another server's methods; your request is kept and comes back with the schema."}
      </p>
      {loading ? (
        <p className="muted">Loading…</p>
      ) : (
        <NextSteps steps={words.next} onStep={onStep} />
      )}
      {raw && raw !== words.hint && <FailureDetails text={raw} />}
    </div>
  );
}
