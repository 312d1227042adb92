import * as grpc from '@grpc/grpc-js';
import {
  CHAT_BOT_NAME,
  DEFAULT_TAIL_INTERVAL_MS,
  DEMO_FILES,
  DEMO_USERS,
  LOG_LEVELS,
  MAX_TAIL_INTERVAL_MS,
  chatGreeting,
} from './demo-data.js';
import { sendEchoHeaders, withTrailers } from './echo-metadata.js';
import { richError } from './rich-status.js';

// Message shapes as proto-loader hands them over with keepCase, longs: String, enums: String,
// defaults and oneofs (see demo-server.ts).
interface UserRequest {
  id: string;
}
interface User {
  id: string;
  name: string;
  age: number;
}
interface FileRequest {
  filename: string;
}
interface FileResponse {
  exists: boolean;
  size: string;
}
interface ChatMessage {
  sender: string;
  content: string;
}
interface TailRequest {
  source: string;
  lines: number;
  interval_ms: number;
}
interface LogLine {
  seq: string;
  at: { seconds: string; nanos: number };
  level: string;
  text: string;
  fields: Record<string, string>;
}
interface RecordMessage {
  key: string;
  value?: 'text' | 'number' | 'blob';
  text?: string;
  number?: number;
  blob?: Buffer;
  tags: string[];
}
interface Summary {
  count: number;
  total: number;
  bytes: string;
  keys: string[];
}

export function getUser(
  call: grpc.ServerUnaryCall<UserRequest, User>,
  callback: grpc.sendUnaryData<User>,
): void {
  const echoed = sendEchoHeaders(call);
  const id = call.request.id;
  if (id === '') {
    const error = richError(grpc.status.INVALID_ARGUMENT, 'id must not be empty', [
      {
        type: 'google.rpc.BadRequest',
        value: { field_violations: [{ field: 'id', description: 'must not be empty' }] },
      },
    ]);
    callback(withTrailers(error, echoed));
    return;
  }
  const user = DEMO_USERS.find((u) => u.id === id);
  if (!user) {
    const error = richError(grpc.status.NOT_FOUND, `user ${JSON.stringify(id)} not found`, [
      {
        type: 'google.rpc.ResourceInfo',
        value: {
          resource_type: 'example.User',
          resource_name: `users/${id}`,
          description: `known ids: ${DEMO_USERS.map((u) => u.id).join(', ')}`,
        },
      },
    ]);
    callback(withTrailers(error, echoed));
    return;
  }
  callback(null, { ...user }, echoed);
}

export function checkFile(
  call: grpc.ServerUnaryCall<FileRequest, FileResponse>,
  callback: grpc.sendUnaryData<FileResponse>,
): void {
  const echoed = sendEchoHeaders(call);
  const size = DEMO_FILES.get(call.request.filename);
  callback(
    null,
    size === undefined ? { exists: false, size: '0' } : { exists: true, size },
    echoed,
  );
}

export function chat(call: grpc.ServerDuplexStream<ChatMessage, ChatMessage>): void {
  const echoed = sendEchoHeaders(call);
  call.on('data', (message: ChatMessage) => {
    call.write({ sender: CHAT_BOT_NAME, content: chatGreeting(message.sender) });
  });
  call.on('end', () => call.end(echoed));
  // A cancelled call needs no answer; just stop listening.
  call.on('cancelled', () => call.removeAllListeners('data'));
}

export function tail(call: grpc.ServerWritableStream<TailRequest, LogLine>): void {
  const echoed = sendEchoHeaders(call);
  const { lines, interval_ms: intervalMs, source } = call.request;
  if (lines < 0 || intervalMs < 0 || intervalMs > MAX_TAIL_INTERVAL_MS) {
    const message =
      lines < 0
        ? 'lines must be 0 (forever) or more'
        : `interval_ms must be between 0 and ${MAX_TAIL_INTERVAL_MS}`;
    call.emit(
      'error',
      withTrailers({ code: grpc.status.INVALID_ARGUMENT, details: message }, echoed),
    );
    return;
  }
  const pause = intervalMs === 0 ? DEFAULT_TAIL_INTERVAL_MS : intervalMs;
  const name = source === '' ? 'demo' : source;
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const sendNext = (): void => {
    timer = undefined;
    if (stopped) return;
    seq += 1;
    const now = Date.now();
    const level = LOG_LEVELS[(seq - 1) % LOG_LEVELS.length] ?? 'INFO';
    const line: LogLine = {
      seq: String(seq),
      at: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1_000_000 },
      level,
      text: `${name}: line ${seq}`,
      fields: { source: name, pid: String(process.pid) },
    };
    const writable = call.write(line);
    if (lines !== 0 && seq >= lines) {
      stopped = true;
      call.end(echoed);
      return;
    }
    // Respect flow control: a slow reader pauses the stream instead of growing our buffer.
    if (writable) timer = setTimeout(sendNext, pause);
    else call.once('drain', () => (timer = setTimeout(sendNext, pause)));
  };

  call.on('cancelled', () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  sendNext();
}

export function upload(
  call: grpc.ServerReadableStream<RecordMessage, Summary>,
  callback: grpc.sendUnaryData<Summary>,
): void {
  const echoed = sendEchoHeaders(call);
  const summary = { count: 0, total: 0, bytes: 0, keys: [] as string[] };
  call.on('data', (record: RecordMessage) => {
    summary.count += 1;
    summary.keys.push(record.key);
    if (record.value === 'number' && record.number !== undefined) summary.total += record.number;
    if (record.value === 'text' && record.text !== undefined)
      summary.bytes += Buffer.byteLength(record.text, 'utf8');
    if (record.value === 'blob' && record.blob !== undefined) summary.bytes += record.blob.length;
  });
  call.on('end', () => {
    callback(null, { ...summary, bytes: String(summary.bytes) }, echoed);
  });
}
