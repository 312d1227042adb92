// The Capture panel in the sidebar: start and stop a recording proxy, its live list of calls, and
// what can be done with the one chosen. Plus a real grpc-js client for the specs to call through it.
import * as grpc from '@grpc/grpc-js';
import { expect, type Locator, type Page } from '@playwright/test';
import { exampleStubs } from '../../main/recording/recording.testkit.js';
import { FileBrowserPage } from './file-browser.js';
import { showRailPanel } from './layout.js';

type Obj = Record<string, unknown>;

export class CapturePanel {
  constructor(readonly page: Page) {}

  async show(): Promise<void> {
    await showRailPanel(this.page, 'Capture');
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Capture', exact: true });
  }
  get target(): Locator {
    return this.region.getByRole('textbox', { name: 'Target' });
  }
  get port(): Locator {
    return this.region.getByRole('textbox', { name: 'Listen port' });
  }
  get status(): Locator {
    return this.region.getByRole('status');
  }
  get error(): Locator {
    return this.region.getByRole('alert');
  }
  get calls(): Locator {
    return this.region.getByRole('list', { name: 'Captured calls' }).getByRole('button');
  }
  call(method: string): Locator {
    return this.calls.filter({ hasText: method });
  }
  get actions(): Locator {
    return this.region.getByRole('group', { name: 'Selected captured call' });
  }
  get viewer(): Locator {
    return this.page.getByRole('region', { name: 'Recording viewer' });
  }
  get timeline(): Locator {
    return this.page.getByRole('log', { name: 'Recording timeline' });
  }

  /** Starts a capture and answers the `127.0.0.1:PORT` it listens on. */
  async start(): Promise<string> {
    await this.region.getByRole('button', { name: 'Start capture' }).click();
    await expect(this.status).toContainText('Listening on');
    const text = (await this.status.textContent()) ?? '';
    const listen = /Listening on (127\.0\.0\.1:\d+)/.exec(text)?.[1];
    if (!listen) throw new Error(`no listen address in "${text}"`);
    return listen;
  }

  async stop(): Promise<void> {
    await this.region.getByRole('button', { name: 'Stop capture' }).click();
    await expect(this.region.getByRole('button', { name: 'Start capture' })).toBeVisible();
  }

  async open(method: string): Promise<void> {
    await this.call(method).click();
    await expect(this.timeline).toBeVisible();
  }

  get settings(): Locator {
    return this.page.getByRole('dialog', { name: 'Capture settings' });
  }

  get settingsButton(): Locator {
    return this.region.getByRole('button', { name: 'Settings…' });
  }

  async openSettings(): Promise<void> {
    await this.settingsButton.click();
    await expect(this.settings).toBeVisible();
  }

  /** The settings' checkbox whose label starts so (the Unix socket one, the clients' TLS one). */
  settingsCheckbox(name: RegExp): Locator {
    return this.settings.getByRole('checkbox', { name });
  }

  /** A field of the clients' TLS row: 'Certificate file' or 'Key file'. */
  listenerFile(label: 'Certificate file' | 'Key file'): Locator {
    return this.settings.getByRole('textbox', { name: label });
  }

  /** Turns on TLS for clients and chooses its certificate and key in the file browser. */
  async serveTls(folder: string, cert: string, key: string): Promise<void> {
    await this.settingsCheckbox(/TLS with this certificate/).check();
    const files = new FileBrowserPage(this.page);
    for (const [label, file] of [
      ['certificate file', cert],
      ['key file', key],
    ] as const) {
      await this.settings
        .getByRole('button', { name: `Browse… for the listener ${label}` })
        .click();
      await expect(files.browser).toBeVisible();
      // Typed while the first listing is on its way: the folder typed is the one listed.
      await files.chooseIn(folder, file);
    }
  }

  async closeSettings(): Promise<void> {
    await this.settings.getByRole('button', { name: 'Done' }).click();
    await expect(this.settings).toBeHidden();
  }

  async openAsRequest(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Open as request' }).click();
  }

  async replayAndDiff(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Replay and diff' }).click();
  }

  async addToMock(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Add to mock' }).click();
  }
}

/** A chat stream from a real grpc-js client (not the workbench) to `address`. */
export function chatThrough(address: string): {
  say(sender: string): void;
  replies: Obj[];
  end(): Promise<void>;
} {
  const Chat = exampleStubs()['ChatService'] as grpc.ServiceClientConstructor;
  const client = new Chat(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    Chat: () => grpc.ClientDuplexStream<Obj, Obj>;
  };
  const stream = client.Chat();
  const replies: Obj[] = [];
  stream.on('data', (m: Obj) => replies.push(m));
  const ended = new Promise<void>((resolve) => stream.on('status', () => resolve()));
  stream.on('error', () => undefined);
  return {
    say: (sender) => stream.write({ sender, content: 'hi' }),
    replies,
    async end() {
      stream.end();
      await ended;
      client.close();
    },
  };
}

/** One GetUser from a real grpc-js client to `address`, over TLS when `ca` is given. */
export function getUserThrough(address: string, ca?: Buffer): Promise<Obj> {
  const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
  const credentials = ca ? grpc.credentials.createSsl(ca) : grpc.credentials.createInsecure();
  const client = new UserService(address, credentials) as unknown as grpc.Client & {
    GetUser: (r: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => void;
  };
  return new Promise((resolve, reject) =>
    client.GetUser({ id: '1' }, (e, r) => {
      client.close();
      if (e) reject(e);
      else resolve(r ?? {});
    }),
  );
}
