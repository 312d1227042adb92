import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ObservedConnection, type ObserverContext } from './observed-calls.js';

/** What reads a copy of one passed-through connection (on the event loop, or the capture thread). */
export interface ConnectionObserver {
  fromClient(chunk: Buffer): void;
  fromTarget(chunk: Buffer): void;
  /** Some of the connection's bytes were not seen (`why`): nothing more can be read. */
  notFollowed(why: Error): void;
  /** The first side to end (the target's error, if it had one; whether it had connected). */
  closed(side: 'client' | 'target', targetError: Error | undefined, connected: boolean): void;
  /** Resolves once what was handed to it has been read (its calls ended with the connection). */
  read(): Promise<void>;
}

export interface PassThroughContext extends ObserverContext {
  /** Who reads the copy (the capture thread); the connection's own ObservedConnection without. */
  observe?: () => ConnectionObserver | undefined;
  /** A new connection to the target (one per client connection), its bytes passed untouched. */
  openTarget(): Duplex;
  /**
   * The target could not be reached: the client's connection (its bytes so far put back) goes to
   * the terminating path, which answers its calls UNAVAILABLE and records them.
   */
  unreachable(client: Socket): void;
}

export interface PassedConnection {
  /** Resolves once both sides have closed and the connection's open calls have been ended. */
  done: Promise<void>;
  destroy(): void;
}

/** What the client may send before the target answers that is kept to hand over (bounded). */
const MAX_KEPT_BYTES = 1024 * 1024;

/** Nagle's algorithm would hold each small write (a message, a frame) for the peer's ACK. */
function noDelay(socket: Duplex): void {
  (socket as Partial<Socket>).setNoDelay?.(true);
}

/**
 * One side has closed both ways: the other (half-open, its peer keeping it so) gets what was
 * written to it and is closed, so the connection ends with its peers rather than outliving one.
 */
function closeOther(other: Duplex | undefined): void {
  if (!other || other.destroyed) return;
  if (other.writableFinished) return void other.destroy();
  other.once('finish', () => other.destroy());
  other.end();
}

/**
 * Passes one client connection's bytes to a connection of its own to the target and back,
 * untouched (piped, so a slow reader on either side holds the other back), and hands a copy of
 * them to be read for the recordings (ctx.observe: the capture thread; or on the event loop after
 * the bytes are written on). Faults are the direct connection's own: when one side
 * closes, so does the other (an error as an abrupt close), and the peers see what they would have.
 * One exception: a target that cannot be reached has said nothing on the connection yet, so the
 * proxy can still answer the client itself (and record its calls) instead of closing on it.
 */
export function passThrough(client: Socket, ctx: PassThroughContext): PassedConnection {
  noDelay(client);
  const observed = ctx.observe?.() ?? observedInProcess(ctx);

  // The first side to end ends the open calls; an error closes the other side at once.
  let ended = false;
  let handedOver = false;
  let targetError: Error | undefined;
  const sideEnded = (side: 'client' | 'target'): void => {
    if (ended) return;
    ended = true;
    observed.closed(side, targetError, connected);
  };
  const closed = (socket: Duplex, side: 'client' | 'target') =>
    new Promise<void>((resolve) =>
      socket.once('close', () => {
        sideEnded(side);
        // A client handed over to the terminating path is its business now.
        if (!handedOver) closeOther(side === 'client' ? target : client);
        resolve();
      }),
    );

  // Until the target is connected the client's bytes are kept (to hand over if it cannot be
  // reached) and not read yet (a call read would be recorded twice); then read in order.
  let connected = false;
  let kept: Buffer[] | undefined = [];
  let keptBytes = 0;
  const readClient = (chunk: Buffer): void => observed.fromClient(chunk);
  const onClientData = (chunk: Buffer): void => {
    if (connected) return readClient(chunk);
    keptBytes += chunk.length;
    kept?.push(chunk);
    if (keptBytes > MAX_KEPT_BYTES) kept = undefined;
  };
  const nowConnected = (): void => {
    if (connected) return;
    connected = true;
    // Past the bound the first bytes were let go: what follows cannot be read from its middle.
    if (!kept) {
      const why = `the client sent over ${MAX_KEPT_BYTES} bytes before the target answered`;
      observed.notFollowed(new Error(why));
    }
    for (const chunk of kept ?? []) readClient(chunk);
    kept = undefined;
  };
  let target: Duplex | undefined;
  let targetClosed: Promise<void> = Promise.resolve();

  /** The target could not be reached: the terminating path answers the client's calls. */
  const handOver = (opened: Duplex, bytes: Buffer[]): void => {
    ended = true; // the connection's calls are the terminating path's now
    handedOver = true;
    client.unpipe(opened);
    opened.unpipe(client);
    client.off('data', onClientData);
    client.off('data', onFirstData);
    client.off('error', onClientError);
    client.off('end', onClientEnd);
    client.pause();
    client.unshift(Buffer.concat(bytes));
    ctx.unreachable(client);
  };

  // The target is dialled when the client's first bytes come.
  const onFirstData = (first: Buffer): void => {
    client.off('data', onFirstData);
    const opened = ctx.openTarget();
    target = opened;
    noDelay(opened);
    targetClosed = closed(opened, 'target');
    opened.write(first);
    client.pipe(opened);
    opened.pipe(client);
    opened.once('connect', nowConnected);
    opened.on('data', (chunk: Buffer) => {
      nowConnected(); // a tunnel has no 'connect': a server's first bytes (SETTINGS) say it
      observed.fromTarget(chunk);
    });
    opened.on('error', (error) => {
      targetError = error;
      if (!connected && kept) return handOver(opened, kept);
      sideEnded('target'); // before the client's close, which this causes
      client.destroy();
    });
    opened.once('end', () => sideEnded('target'));
  };
  const onClientError = (): void => {
    sideEnded('client');
    target?.destroy();
  };
  const onClientEnd = (): void => {
    sideEnded('client');
    // Piped, the target's side ends with the client's; a client that sent nothing has none.
    if (!target) client.end();
  };
  // These only queue a chunk to be read; the pipe's own handler writes it on in the same turn.
  client.on('data', onClientData);
  client.on('data', onFirstData);
  client.on('error', onClientError);
  client.once('end', onClientEnd);
  const clientClosed = closed(client, 'client');
  // Both sides closed, then what ended the open calls has been read.
  const done = clientClosed.then(() => targetClosed).then(() => observed.read());
  return {
    done,
    destroy: () => {
      client.destroy();
      target?.destroy();
    },
  };
}

/**
 * The connection read on the event loop. Reading waits for a setImmediate: the bytes are written
 * on before any of it runs, so it never delays them.
 */
function observedInProcess(ctx: ObserverContext): ConnectionObserver {
  const observed = new ObservedConnection(ctx);
  let steps: (() => void)[] = [];
  const later = (step: () => void): void => {
    steps.push(step);
    if (steps.length === 1) setImmediate(runSteps);
  };
  const runSteps = (): void => {
    const due = steps;
    steps = [];
    for (const step of due) step();
  };
  return {
    fromClient: (chunk) => later(() => observed.fromClient(chunk)),
    fromTarget: (chunk) => later(() => observed.fromTarget(chunk)),
    notFollowed: (why) => later(() => observed.notFollowed(why)),
    closed: (side, targetError, connected) =>
      later(() =>
        side === 'client' ? observed.clientClosed() : observed.targetClosed(targetError, connected),
      ),
    read: () => new Promise<void>((resolve) => later(resolve)),
  };
}
