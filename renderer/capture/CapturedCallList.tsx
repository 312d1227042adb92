// The calls a capture saw, newest first, updating as they run: method, status, messages each way,
// duration. A click opens one in the recording viewer; the actions below act on that one.
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { durationText, statusText, type CapturedCall } from './capturedCalls.js';

function CallRow({ call, selected }: { call: CapturedCall; selected: boolean }) {
  const store = useStoreApi();
  const name = call.method.split('/').at(-1) ?? call.method;
  const status = statusText(call);
  return (
    <li>
      <button
        className="row list-row capture-row"
        aria-current={selected ? 'true' : undefined}
        title={`${call.method}: ${call.status?.message || status}\n${call.id}`}
        onClick={() => void store.getState().openCapturedCall(call.id)}
      >
        <span className="capture-method">{name}</span>
        <span
          className={`capture-status ${call.done ? (call.status?.code === 0 ? 'ok' : 'bad') : 'live'}`}
        >
          {status}
        </span>
        <span
          className="muted capture-counts"
          aria-label={`${call.sent} sent, ${call.received} received`}
        >
          {call.sent}↑ {call.received}↓
        </span>
        <span className="muted capture-duration">{durationText(call.durationMs)}</span>
      </button>
    </li>
  );
}

function SelectedCallActions({ id }: { id: string }) {
  const store = useStoreApi();
  const busy = useWb((s) => s.replayBusy);
  const running = useWb((s) => s.capturedCalls.find((c) => c.id === id)?.done === false);
  const s = store.getState();
  return (
    <div className="capture-actions" role="group" aria-label="Selected captured call">
      <button className="small" onClick={() => void s.openCapturedAsRequest(id)}>
        Open as request
      </button>
      <button
        className="small"
        disabled={busy || running}
        title={running ? 'Replays once the call has ended' : 'Replay against the target and diff'}
        onClick={() => void s.replayCapturedCall(id)}
      >
        {busy ? 'Replaying…' : 'Replay and diff'}
      </button>
      <button
        className="small"
        disabled={running}
        title={running ? 'Served once the call has ended' : 'Serve it from the mock server'}
        onClick={() => void s.addCapturedToMock(id)}
      >
        Add to mock
      </button>
    </div>
  );
}

export function CapturedCallList() {
  const calls = useWb((s) => s.capturedCalls);
  const selected = useWb((s) => s.selectedCapturedId);
  const running = useWb((s) => s.capture !== null);
  return (
    <>
      {selected !== null && calls.some((c) => c.id === selected) && (
        <SelectedCallActions id={selected} />
      )}
      <ul aria-label="Captured calls" className="side-list capture-calls">
        {calls.map((c) => (
          <CallRow key={c.id} call={c} selected={c.id === selected} />
        ))}
        {calls.length === 0 && (
          <li className="muted" style={{ padding: '2px 8px' }}>
            {running
              ? 'No calls yet: point a client at the address above.'
              : 'Start a capture, then point a client at it instead of the server.'}
          </li>
        )}
      </ul>
    </>
  );
}
