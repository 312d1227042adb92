import type { CallEvent, CallStatus, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import {
  formatMessage,
  formatMetadata,
  formatStatus,
  formatStatusJson,
  plural,
} from '../../main/output/grpcurl-format.js';
import { formatStatusText } from '../../main/output/status-text.js';
import { EXIT_FAILURE, EXIT_OK, exitCodeOfStatus } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface CallPrinterOptions {
  verbose: boolean;
  /** -vv: also each response's encoded size ("Estimated response size"), as grpcurl. */
  veryVerbose?: boolean;
  formatError: boolean;
  /** For -v: the method in .proto syntax (`rpc GetUser ( .a.Req ) returns ( .a.Res );`). */
  methodText: string;
  /** For -v: the request metadata as sent. */
  requestMetadata: MetadataEntry[];
  /**
   * -format text: each response in text format (default: grpcurl's JSON); `raw` is the message's
   * encoded bytes (base64) when the call kept them.
   */
  formatResponse?: (message: JsonValue, raw?: string) => string;
  /** Written before every response but the first (grpcurl's `\x1e` between text messages). */
  separator?: string;
  /** -format-error with -format text: the status in text format rather than JSON. */
  statusAsText?: boolean;
}

/** Prints a call's event log as grpcurl prints a call; reusable by any command that makes calls. */
export interface CallPrinter {
  /** Feed every event of the call, in order (startCall's onEvent). */
  onEvent(event: CallEvent): void;
  /** Prints the closing lines and the status; returns the exit code (0 or 64 + code). */
  finish(status: CallStatus | undefined): number;
}

export function createCallPrinter(io: CliIo, opts: CallPrinterOptions): CallPrinter {
  const out = (text: string): void => void io.stdout.write(text);
  if (opts.verbose) {
    out(`\nResolved method descriptor:\n${opts.methodText}\n`);
    out(`\nRequest metadata to send:\n${formatMetadata(opts.requestMetadata.map(asSent))}\n`);
  }
  const format = opts.formatResponse ?? formatMessage;
  let sawHeaders = false;
  let sawTrailers = false;
  let sent = 0;
  let received = 0;
  // The engine keeps a throwing observer from breaking the call for the others, so a response
  // this printer cannot print must fail the command here, or gwb would exit 0 having printed nothing.
  let printFailed = false;
  const printed = (message: JsonValue, raw: string | undefined): string | undefined => {
    try {
      return format(message, raw);
    } catch (error) {
      printFailed = true;
      io.stderr.write(
        `gwb: could not print response message ${received}: ${(error as Error).message}\n`,
      );
      return undefined;
    }
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'headers':
          sawHeaders = true;
          if (opts.verbose)
            out(`\nResponse headers received:\n${formatMetadata(event.metadata)}\n`);
          break;
        case 'sent':
          sent++;
          break;
        case 'received':
          received++;
          if (opts.veryVerbose) out(`\nEstimated response size: ${event.size} bytes\n`);
          if (opts.verbose) out('\nResponse contents:\n');
          if (event.message === null) {
            out(
              `(message ${received} could not be decoded: ${event.decodeError ?? 'unknown error'})\n`,
            );
            break;
          }
          {
            const text = printed(event.message, event.raw);
            if (text !== undefined) out(`${received > 1 ? (opts.separator ?? '') : ''}${text}\n`);
          }
          break;
        case 'trailers':
          sawTrailers = true;
          if (opts.verbose) {
            if (!sawHeaders) out(`\nResponse headers received:\n(empty)\n`);
            out(`\nResponse trailers received:\n${formatMetadata(event.metadata)}\n`);
          }
          break;
        default:
          break;
      }
    },
    finish(status) {
      if (opts.verbose) {
        // A call cut short (deadline, cancel, lost connection) may end without headers or trailers.
        if (!sawTrailers) {
          if (!sawHeaders) out('\nResponse headers received:\n(empty)\n');
          out('\nResponse trailers received:\n(empty)\n');
        }
        out(`Sent ${plural(sent, 'request')} and received ${plural(received, 'response')}\n`);
      }
      // Every call that started ends with a status; without one there is nothing more to say.
      if (!status || status.code === 0) return printFailed ? EXIT_FAILURE : EXIT_OK;
      io.stderr.write(
        !opts.formatError
          ? formatStatus(status)
          : opts.statusAsText
            ? formatStatusText(status)
            : formatStatusJson(status),
      );
      return exitCodeOfStatus(status);
    },
  };
}

/**
 * A `-bin` value as grpcurl's -v shows it: the bytes sent, as padded standard base64, whichever of
 * the four alphabets it was typed in (`aGVsbG8` → `aGVsbG8=`, `P_8-` → `P/8+`).
 */
function asSent(entry: MetadataEntry): MetadataEntry {
  if (!entry.key.toLowerCase().endsWith('-bin')) return entry;
  return { ...entry, value: Buffer.from(entry.value, 'base64').toString('base64') };
}
