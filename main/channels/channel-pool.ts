import * as grpc from '@grpc/grpc-js';
import { channelKey } from './channel-key.js';
import { channelOptions } from './channel-options.js';
import {
  ChannelConfigError,
  type ChannelConfig,
  type ConnectivityStateName,
} from './channel-types.js';
import { buildCredentials } from './credentials.js';
import { dialTarget, rememberProxyRoute } from './proxy-options.js';
import { watchProxyFailures } from '../proxy/proxy-failures.js';

const STATE_NAMES: Record<grpc.connectivityState, ConnectivityStateName> = {
  [grpc.connectivityState.IDLE]: 'IDLE',
  [grpc.connectivityState.CONNECTING]: 'CONNECTING',
  [grpc.connectivityState.READY]: 'READY',
  [grpc.connectivityState.TRANSIENT_FAILURE]: 'TRANSIENT_FAILURE',
  [grpc.connectivityState.SHUTDOWN]: 'SHUTDOWN',
};

export function stateName(state: grpc.connectivityState): ConnectivityStateName {
  return STATE_NAMES[state];
}

export interface ChannelPoolOptions {
  /** Close a channel after this long without calls (no lease held, no get()); default 5 min. */
  idleMs?: number;
  /** Every connectivity state change of every pooled channel, including the final SHUTDOWN. */
  onState?: (key: string, config: ChannelConfig, state: ConnectivityStateName) => void;
}

/** A client plus a release() to call when the call using it has ended. */
export interface ChannelLease {
  client: grpc.Client;
  release(): void;
}

interface Entry {
  key: string;
  config: ChannelConfig;
  client: grpc.Client;
  leases: number;
  lastUsed: number;
  closed: boolean;
}

/**
 * grpc-js clients shared per (target, security, options). A channel nobody has used for idleMs
 * is closed; the next get() opens a fresh one.
 */
export class ChannelPool {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly onState: ChannelPoolOptions['onState'];
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(opts: ChannelPoolOptions = {}) {
    this.idleMs = opts.idleMs ?? 5 * 60_000;
    this.onState = opts.onState;
  }

  /** The pooled client for a config, created on first use. Throws ChannelConfigError for bad TLS material or options. */
  get(config: ChannelConfig): grpc.Client {
    const entry = this.entry(config);
    entry.lastUsed = Date.now();
    return entry.client;
  }

  /** Like get(), and the channel is not closed as idle until release() is called. */
  lease(config: ChannelConfig): ChannelLease {
    const entry = this.entry(config);
    entry.leases++;
    entry.lastUsed = Date.now();
    let released = false;
    return {
      client: entry.client,
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        entry.lastUsed = Date.now();
      },
    };
  }

  /** Connectivity state of the pooled channel; SHUTDOWN when there is none (never opens one). */
  state(config: ChannelConfig): ConnectivityStateName {
    const entry = this.entries.get(channelKey(config));
    if (!entry) return 'SHUTDOWN';
    return stateName(entry.client.getChannel().getConnectivityState(false));
  }

  /** Connects (if needed) and resolves once READY; rejects with the reason after deadlineMs. */
  waitReady(
    config: ChannelConfig,
    deadlineMs: number = config.connectTimeoutMs ?? 20_000,
  ): Promise<void> {
    const client = this.get(config);
    return new Promise((resolve, reject) => {
      client.waitForReady(Date.now() + deadlineMs, (error) => {
        if (!error) return resolve();
        const state = stateName(client.getChannel().getConnectivityState(false));
        reject(
          new Error(
            `could not connect to ${config.target} within ${deadlineMs} ms (state ${state}): ${error.message}`,
          ),
        );
      });
    });
  }

  /** Keys of the open channels (tests and diagnostics). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Closes one pooled channel now; calls on it end with UNAVAILABLE/CANCELLED. */
  closeChannel(config: ChannelConfig): void {
    const entry = this.entries.get(channelKey(config));
    if (entry) this.drop(entry);
  }

  close(): void {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const entry of [...this.entries.values()]) this.drop(entry);
  }

  private entry(config: ChannelConfig): Entry {
    if (this.closed) throw new ChannelConfigError('the channel pool has been closed');
    const key = channelKey(config);
    const existing = this.entries.get(key);
    if (existing) return existing;
    if (config.proxy !== undefined) watchProxyFailures();
    const client = new grpc.Client(
      dialTarget(config),
      buildCredentials(config.security),
      channelOptions(config),
    );
    rememberProxyRoute(client.getChannel(), config);
    const entry: Entry = { key, config, client, leases: 0, lastUsed: Date.now(), closed: false };
    this.entries.set(key, entry);
    this.watch(entry, grpc.connectivityState.IDLE);
    this.startSweeper();
    return entry;
  }

  private watch(entry: Entry, last: grpc.connectivityState): void {
    if (!this.onState) return;
    const channel = entry.client.getChannel();
    let current: grpc.connectivityState;
    try {
      current = channel.getConnectivityState(false);
    } catch {
      return;
    }
    if (current !== last) this.onState(entry.key, entry.config, stateName(current));
    if (current === grpc.connectivityState.SHUTDOWN) return;
    try {
      channel.watchConnectivityState(current, Infinity, () => this.watch(entry, current));
    } catch {
      // Closed between the two calls: report it like any other shutdown.
      this.onState(entry.key, entry.config, 'SHUTDOWN');
    }
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    const every = Math.max(10, Math.min(this.idleMs / 2, 30_000));
    this.sweeper = setInterval(() => this.sweep(), every);
    // An idle pool must not keep the process alive.
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const entry of [...this.entries.values()]) {
      if (entry.leases === 0 && now - entry.lastUsed >= this.idleMs) this.drop(entry);
    }
    if (this.entries.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private drop(entry: Entry): void {
    if (entry.closed) return;
    entry.closed = true;
    this.entries.delete(entry.key);
    entry.client.close();
  }
}
