/** Which recording served a call, and why: `gwb mock` prints one line per call from this. */
export interface MockCallReport {
  method: string;
  /** The recording that answers the call. */
  file: string;
  /** True when the client's messages chose it; false when it is the method's default. */
  matched: boolean;
  why: string;
}

/** One line per call, e.g. `/example.ChatService/Chat <- chat-b.ndjson (first client message matched)`. */
export function formatMockCall(report: MockCallReport): string {
  return `${report.method} <- ${report.file} (${report.why})`;
}
