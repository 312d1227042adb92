// A small, faithful stand-in for the parts of Electron's main-process API the shell uses. Each class
// `implements` a Pick<> of the real interface from the `electron` package's electron.d.ts, so a
// changed signature upstream breaks the typecheck here instead of letting the tests drift. Events
// are delivered the way Electron delivers them: listeners get an event with preventDefault().
// The Electron binary is never loaded (it cannot be downloaded on our build machines).

import type {
  App,
  BaseWindow,
  IpcMainInvokeEvent,
  IpcRenderer,
  Menu,
  OpenDialogOptions,
  OpenDialogReturnValue,
  WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FrameView, IpcMainApi } from '../ipc.js';
import type { NetApi, ProtocolApi } from '../app-protocol.js';
import type { SafeStorageApi } from '../safe-storage-key.js';
import type { AppApi, ContentsApi, SessionApi, ShellApi } from '../security.js';
import type { IpcRendererApi } from '../bridge.js';
import type { ShellElectron } from '../shell.js';
import type { DialogApi } from '../file-dialog.js';

type Listener = (...args: never[]) => unknown;

/** Electron's event object for cancellable events. */
export class StandInEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// `on` returns the real type (WebContents, App…) in electron.d.ts; each stand-in declares its own.
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  protected listen(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  protected listenOnce(event: string, listener: Listener): void {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      );
      return listener(...args);
    }) as Listener;
    this.listen(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => unknown)(...args);
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

let nextRoutingId = 1;

export class StandInFrame implements FrameView {
  readonly routingId = nextRoutingId++;
  constructor(
    public url: string,
    public readonly parent: StandInFrame | null = null,
    public readonly processId = 1,
  ) {}
}

type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

export class StandInWebContents extends Emitter implements ContentsApi {
  readonly mainFrame: StandInFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  windowOpenHandler: WindowOpenHandler | undefined;

  constructor(url = 'gwb-app://app/index.html') {
    super();
    this.mainFrame = new StandInFrame(url);
  }
  on(event: string, listener: Listener): WebContents {
    this.listen(event, listener);
    return this as unknown as WebContents;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /** What Electron does when the page navigates: returns whether the navigation went ahead. */
  navigate(url: string): boolean {
    const event = new StandInEvent();
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
  redirect(url: string): boolean {
    const event = new StandInEvent();
    this.emit('will-redirect', event, url);
    return !event.defaultPrevented;
  }
  attachWebview(): boolean {
    const event = new StandInEvent();
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }
  /** What Electron does on window.open / target=_blank: asks the handler (no handler = allow). */
  windowOpen(url: string): 'allow' | 'deny' {
    if (!this.windowOpenHandler) return 'allow';
    const details = {
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    } as Parameters<WindowOpenHandler>[0];
    return this.windowOpenHandler(details).action;
  }
}

export class StandInWindow extends Emitter {
  private destroyed = false;
  readonly loaded: string[] = [];
  shown = false;
  static readonly created: StandInWindow[] = [];
  readonly webContents = new StandInWebContents();

  constructor(public readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    StandInWindow.created.push(this);
  }
  on(event: string, listener: () => void): this {
    this.listen(event, listener);
    return this;
  }
  once(event: string, listener: () => void): this {
    this.listenOnce(event, listener);
    return this;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  show(): void {
    this.shown = true;
  }
  minimized = false;
  focused = 0;
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
  static getAllWindows(): StandInWindow[] {
    return StandInWindow.created.filter((w) => !w.isDestroyed());
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
  }
}

export class StandInShell implements ShellApi {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

type ShellApp = ShellElectron['app'];

export class StandInApp extends Emitter implements AppApi, ShellApp {
  sandboxEnabled = false;
  quitCalls = 0;
  exitCode: number | undefined;
  private isReadyNow = false;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  constructor(
    private readonly userData = '/nonexistent-user-data',
    private readonly singleInstance = true,
  ) {
    super();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(exitCode?: number): void {
    this.exitCode = exitCode ?? 0;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.isReadyNow;
  }
  /** What Electron does once it has initialised. */
  ready(): void {
    this.isReadyNow = true;
    this.emit('ready', new StandInEvent());
    this.resolveReady();
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    if (name !== 'userData') throw new Error(`the stand-in knows only userData, not ${name}`);
    return this.userData;
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  on(event: string, listener: Listener): App {
    this.listen(event, listener);
    return this as unknown as App;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  /** What Electron does for every new web contents (windows, webviews, popups). */
  createWebContents(url?: string): StandInWebContents {
    const contents = new StandInWebContents(url);
    this.emit('web-contents-created', new StandInEvent(), contents);
    return contents;
  }
}

type IpcHandler = Parameters<IpcMainApi['handle']>[1];

export class StandInIpcMain implements IpcMainApi {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, listener: IpcHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke from `frame` of `sender` looks like on the main side. */
  async invoke(
    channel: string,
    from: { sender: unknown; senderFrame: FrameView | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // The handler reads only sender and senderFrame (InvokeEventView in ipc.ts).
    return handler(from as unknown as IpcMainInvokeEvent, ...args);
  }
}

type RequestHandler = Parameters<SessionApi['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionApi['setPermissionCheckHandler']>[0];
type DeviceHandler = Parameters<SessionApi['setDevicePermissionHandler']>[0];
type HeadersListener = Parameters<SessionApi['webRequest']['onHeadersReceived']>[0] & {};

export class StandInSession implements SessionApi {
  requestHandler: RequestHandler = null;
  checkHandler: CheckHandler = null;
  deviceHandler: DeviceHandler = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest: SessionApi['webRequest'] = {
    onHeadersReceived: (...args: unknown[]) => {
      this.headersListener = (args.length === 2 ? args[1] : args[0]) as HeadersListener | null;
    },
  };
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: DeviceHandler): void {
    this.deviceHandler = handler;
  }

  /** Electron grants every permission when no handler is set. */
  requestPermission(permission: Parameters<RequestHandler & {}>[1]): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(
        null as unknown as WebContents,
        permission,
        resolve,
        {} as Parameters<RequestHandler & {}>[3],
      ),
    );
  }
  checkPermission(permission: Parameters<CheckHandler & {}>[1], origin: string): boolean {
    if (!this.checkHandler) return true;
    return this.checkHandler(null, permission, origin, {} as Parameters<CheckHandler & {}>[3]);
  }
  devicePermission(deviceType: 'hid' | 'serial' | 'usb', origin: string): boolean {
    if (!this.deviceHandler) return true;
    return this.deviceHandler({ deviceType, origin, device: {} } as Parameters<
      DeviceHandler & {}
    >[0]);
  }
  /** The headers a response ends up with after the listener ran. */
  receiveHeaders(
    url: string,
    responseHeaders: Record<string, string[]>,
  ): Promise<Record<string, string | string[]>> {
    const listener = this.headersListener;
    if (!listener) return Promise.resolve(responseHeaders);
    return new Promise((resolve) =>
      listener(
        { url, responseHeaders, statusCode: 200 } as Parameters<HeadersListener>[0],
        (response) => resolve(response.responseHeaders ?? responseHeaders),
      ),
    );
  }
}

type ProtocolHandler = Parameters<ProtocolApi['handle']>[1];

export class StandInProtocol implements ProtocolApi {
  readonly privileged: Electron.CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }
  /** A request the page makes, e.g. `gwb-app://app/index.html`. */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url));
  }
}

/** net.fetch for file: URLs, as the protocol handler uses it: reads the real file. */
export class StandInNet implements NetApi {
  readonly fetched: string[] = [];
  async fetch(input: string | Request): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    this.fetched.push(url);
    if (!url.startsWith('file:')) throw new Error(`stand-in net.fetch only reads file: URLs`);
    const body = await readFile(fileURLToPath(url));
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/html' } });
  }
}

/** safeStorage with a reversible, non-identity "cipher" so a test can tell sealed from clear. */
export class StandInSafeStorage implements SafeStorageApi {
  constructor(
    public available = true,
    public backend: ReturnType<SafeStorageApi['getSelectedStorageBackend']> = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${Buffer.from(plainText).toString('base64')}`);
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  }
  getSelectedStorageBackend(): ReturnType<SafeStorageApi['getSelectedStorageBackend']> {
    return this.backend;
  }
}

export class StandInIpcRenderer extends Emitter implements IpcRendererApi {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  on(channel: string, listener: Listener): IpcRenderer {
    this.listen(channel, listener);
    return this as unknown as IpcRenderer;
  }
  async invoke(channel: string, ...args: unknown[]): Promise<never> {
    this.invoked.push({ channel, args });
    return { t: 'ok', id: 0, value: null } as never;
  }
  /** A message from the main process on `channel`. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, new StandInEvent(), payload);
  }
}

/** Menu's static side: remembers the menu set, built from the template as is. */
export class StandInMenu {
  static current: Electron.MenuItemConstructorOptions[] | null = null;
  static buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): Menu {
    return { template } as unknown as Menu;
  }
  static setApplicationMenu(menu: Menu | null): void {
    StandInMenu.current = menu
      ? (menu as unknown as { template: Electron.MenuItemConstructorOptions[] }).template
      : null;
  }
}

/** The open dialog: answers what the test sets in `next`, remembering each call's options. */
export class StandInDialog implements DialogApi {
  readonly opened: { parent: boolean; options: OpenDialogOptions }[] = [];
  next: OpenDialogReturnValue = { canceled: true, filePaths: [] };
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(
    a: BaseWindow | OpenDialogOptions,
    b?: OpenDialogOptions,
  ): Promise<OpenDialogReturnValue> {
    this.opened.push(
      b ? { parent: true, options: b } : { parent: false, options: a as OpenDialogOptions },
    );
    return Promise.resolve(this.next);
  }
}

/** Every stand-in the shell needs, as one object shaped like the `electron` module. */
export function electronStandIn(options: { userData: string; singleInstance?: boolean }) {
  StandInWindow.created.length = 0;
  StandInMenu.current = null;
  const parts = {
    app: new StandInApp(options.userData, options.singleInstance ?? true),
    BrowserWindow: StandInWindow,
    Menu: StandInMenu,
    ipcMain: new StandInIpcMain(),
    net: new StandInNet(),
    protocol: new StandInProtocol(),
    safeStorage: new StandInSafeStorage(),
    session: { defaultSession: new StandInSession() },
    shell: new StandInShell(),
    dialog: new StandInDialog(),
  };
  const typed: ShellElectron = parts;
  void typed;
  return parts;
}
