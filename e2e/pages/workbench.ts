// The page object: what a person does in the workbench, in their words. Specs never touch selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import { loadSchemaFromSettings, openConnectionSettings } from './connection-settings.js';
import { withServicesPanel } from './layout.js';

export class WorkbenchPage {
  constructor(readonly page: Page) {}

  get address(): Locator {
    return this.page.getByRole('textbox', { name: 'Server address' });
  }
  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Services' });
  }
  /** The call's status line in the Response pane (other panels and dialogs have statuses too). */
  get status(): Locator {
    return this.response.getByRole('status', { name: 'Call status' });
  }
  /** The footer: channel state and which schema is loaded from where. */
  get statusBar(): Locator {
    return this.page.getByRole('contentinfo');
  }
  get timeline(): Locator {
    return this.page.getByRole('log', { name: 'Timeline' });
  }
  get request(): Locator {
    return this.page.getByRole('region', { name: 'Request' });
  }
  /** The request's heading: the method's full name. */
  get methodTitle(): Locator {
    return this.request.locator('.pane-head .title');
  }
  get response(): Locator {
    return this.page.getByRole('region', { name: 'Response' });
  }
  /** What the engine said about the call when it started, below its status. */
  get callNotes(): Locator {
    return this.response.getByRole('note');
  }

  get tabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Open requests' });
  }

  /** The open request tab whose name matches (its name starts with the request's name). */
  tab(name: string | RegExp): Locator {
    return this.tabs.getByRole('tab', {
      name: typeof name === 'string' ? new RegExp(`^(⚠ )?${name}\\b`) : name,
    });
  }

  /** The unsaved-changes mark of a tab. */
  unsavedMark(name: string | RegExp): Locator {
    return this.tab(name).getByRole('img', { name: 'Unsaved changes' });
  }

  async newTab(): Promise<void> {
    await this.page.getByRole('button', { name: 'New tab', exact: true }).click();
  }

  async closeTab(name: string): Promise<void> {
    // The Close button sits beside its tab, not inside it (a tab may not hold a control).
    await this.page.getByRole('button', { name: `Close ${name}`, exact: true }).click();
  }

  /** The question asked before a tab with unsaved changes closes. */
  get closeDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Unsaved changes' });
  }

  /** Whether leaving the page now would ask first (the page's beforeunload answer). */
  leavingAsks(): Promise<boolean> {
    return this.page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
  }

  /** The prepared messages of a client or bidi stream. */
  get messageList(): Locator {
    return this.request.getByRole('group', { name: 'Messages to send' });
  }

  /** Adds a prepared message; it becomes the one edited below the list. */
  async addMessage(): Promise<void> {
    await this.messageList.getByRole('button', { name: 'Add message' }).click();
  }

  /** Picks prepared message `n` (1-based) to edit it. */
  async pickMessage(n: number): Promise<void> {
    await this.messageList.getByRole('button', { name: `Message ${n}`, exact: true }).click();
  }

  async skipWelcome(): Promise<void> {
    await this.page.getByRole('button', { name: 'Connect to my server' }).click();
  }

  async tryDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try the demo server' }).click();
  }

  /** Past the welcome screen, straight to the server at `address` with its schema by reflection. */
  async connect(address: string): Promise<void> {
    await this.skipWelcome();
    await this.loadByReflection(address);
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  }

  /** The page's background colour, as computed (which palette is in effect). */
  pageBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** Loads the schema of the server at `address` by reflection. */
  async loadByReflection(address: string): Promise<void> {
    await withServicesPanel(this.page, () => this.loadByReflectionInTree(address));
  }

  private async loadByReflectionInTree(address: string): Promise<void> {
    await this.address.fill(address);
    const button = this.page.getByRole('button', { name: 'Load by reflection' });
    if (await button.isVisible()) {
      await button.click();
    } else {
      // Another schema source is chosen: switch back to reflection in Connection settings.
      await openConnectionSettings(this.page, { schemaSource: 'reflection' });
      await loadSchemaFromSettings(this.page);
    }
    await expect(this.tree.getByRole('treeitem').first()).toBeVisible();
  }

  service(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** A method of the tree (of one service if given), named by its visible text: the kind badge,
   *  then the name ("UNARY GetUser"). */
  method(name: string, service?: string): Locator {
    const within = service
      ? this.tree.getByRole('group', { name: service, exact: true })
      : this.tree;
    return within.getByRole('treeitem', {
      name: new RegExp(`^(UNARY|SERVER|CLIENT|BIDI) ${name}$`),
    });
  }

  async openMethod(service: string, method: string): Promise<void> {
    await withServicesPanel(this.page, () => this.method(method, service).click());
    await expect(this.request.getByText(`${service}.${method}`)).toBeVisible();
  }

  field(name: string): Locator {
    return this.request.getByLabel(name, { exact: true });
  }

  async fill(name: string, value: string): Promise<void> {
    await this.field(name).fill(value);
  }

  async showJson(): Promise<void> {
    await this.request.getByRole('tab', { name: 'JSON' }).click();
  }

  async showForm(): Promise<void> {
    await this.request.getByRole('tab', { name: 'Form' }).click();
  }

  get jsonEditor(): Locator {
    return this.request.getByRole('textbox', { name: 'Request JSON' });
  }

  /** Replaces the request JSON as if typed (the editor's own closing brackets are removed first). */
  async setJson(text: string): Promise<void> {
    await this.jsonEditor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async send(): Promise<void> {
    await this.request.getByRole('button', { name: 'Send', exact: true }).click();
  }

  /** Opens LogService.Tail for `lines` lines (0: until cancelled), `intervalMs` apart, and sends. */
  async startTail(lines: number, intervalMs?: number): Promise<void> {
    await this.openMethod('example.LogService', 'Tail');
    await this.fill('lines', String(lines));
    if (intervalMs !== undefined) await this.fill('interval_ms', String(intervalMs));
    await this.send();
  }

  /** A Tail of `lines` lines `intervalMs` apart, sent and waited for until it ends with OK. */
  async tailToEnd(lines: number, intervalMs?: number): Promise<void> {
    await this.startTail(lines, intervalMs);
    await expect(this.status).toContainText('OK');
  }

  /** Opens ChatService.Chat as `sender` (with `content` in the first message if given), sends,
   *  and waits for the server's greeting: the stream is open for more messages. */
  async startChat(sender: string, content?: string): Promise<void> {
    await this.openMethod('example.ChatService', 'Chat');
    await this.fill('sender', sender);
    if (content !== undefined) await this.fill('content', content);
    await this.send();
    await expect(this.timeline).toContainText(`Hello, ${sender}!`);
  }

  /** Calls UserService.GetUser for `id` and waits for its OK. */
  async getUser(id: string): Promise<void> {
    await this.openMethod('example.UserService', 'GetUser');
    await this.fill('id', id);
    await this.send();
    await expect(this.status).toContainText('OK');
  }

  get responseJson(): Locator {
    return this.response.getByRole('textbox', { name: 'Response JSON' });
  }

  get composer(): Locator {
    return this.response.getByRole('textbox', { name: 'Next message' });
  }

  async sendMessage(json: string): Promise<void> {
    await this.composer.fill(json);
    await this.response.getByRole('button', { name: 'Send message' }).click();
  }

  async endStream(): Promise<void> {
    await this.response.getByRole('button', { name: 'End stream' }).click();
  }

  receivedCount(): Locator {
    return this.response.getByTestId('count-received');
  }

  /** Loads the schema from .proto files (absolute paths) through Connection settings. */
  async loadProtoFiles(files: string[], importPaths: string[] = []): Promise<void> {
    await withServicesPanel(this.page, () => this.loadProtoFilesInTree(files, importPaths));
  }

  private async loadProtoFilesInTree(files: string[], importPaths: string[]): Promise<void> {
    const dialog = await openConnectionSettings(this.page, { schemaSource: 'protoFiles' });
    await dialog.getByRole('textbox', { name: 'Proto files' }).fill(files.join('\n'));
    await dialog.getByRole('textbox', { name: 'Import paths' }).fill(importPaths.join('\n'));
    await loadSchemaFromSettings(this.page);
    await expect(this.tree.getByRole('treeitem').first()).toBeVisible();
  }

  /** The Headers or Trailers view of the response. */
  async showResponseMetadata(which: 'Headers' | 'Trailers'): Promise<void> {
    await this.response.getByRole('tab', { name: new RegExp(`^${which}`) }).click();
  }

  metadataTable(which: 'Headers' | 'Trailers'): Locator {
    return this.response.getByRole('table', { name: which });
  }

  /** Opens the JSON editor's completions at the end of the text; returns the info panel of the chosen one. */
  async jsonCompletionInfo(text: string): Promise<Locator> {
    await this.showJson();
    await this.setJson(text);
    await this.page.keyboard.press('Control+Space');
    await expect(this.page.getByRole('listbox', { name: 'Completions' })).toBeVisible();
    return this.page.locator('.cm-completionInfo');
  }

  /**
   * Starts counting what hostile server strings could do in the page: CSP violations, and elements
   * that only exist if server text was parsed as HTML (img, script, iframe, javascript: links,
   * inline on* handlers). Executions are counted by the payloads themselves in window.__xss.
   */
  async installXssProbe(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __cspViolations: string[]; __htmlInjections: string[] };
      w.__cspViolations = [];
      w.__htmlInjections = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__cspViolations.push(e.violatedDirective),
      );
      const suspicious = (el: Element): boolean =>
        /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED)$/.test(el.tagName) ||
        (el.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:') ||
        [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'));
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue;
            for (const el of [n, ...n.querySelectorAll('*')])
              if (suspicious(el)) w.__htmlInjections.push(el.outerHTML.slice(0, 200));
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  }

  /** What the probe saw: executions must be undefined, the lists empty. */
  async xssProbe(): Promise<{
    executions: unknown;
    cspViolations: string[];
    htmlInjections: string[];
  }> {
    return this.page.evaluate(() => {
      const w = window as unknown as {
        __xss?: unknown;
        __cspViolations?: string[];
        __htmlInjections?: string[];
      };
      return {
        executions: w.__xss,
        cspViolations: w.__cspViolations ?? [],
        htmlInjections: w.__htmlInjections ?? [],
      };
    });
  }

  /**
   * Tries to run script the way an injection would: an inline <script> element and an inline event
   * handler. Resolves once the CSP has reported both (script-src-elem, script-src-attr) and says
   * what ran anyway. (eval cannot be probed from here: DevTools evaluation is exempt from the CSP.)
   */
  async tryInlineScript(): Promise<{ ran: string[]; violated: string[] }> {
    return this.page.evaluate(async () => {
      const w = window as unknown as { __cspProbe?: string[] };
      w.__cspProbe = [];
      const violated: string[] = [];
      const both = new Promise<void>((resolve) => {
        document.addEventListener('securitypolicyviolation', function onViolation(e) {
          violated.push(e.violatedDirective);
          if (violated.includes('script-src-elem') && violated.includes('script-src-attr')) {
            document.removeEventListener('securitypolicyviolation', onViolation);
            resolve();
          }
        });
      });
      const script = document.createElement('script');
      script.textContent = "window.__cspProbe.push('inline script')";
      document.body.appendChild(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="x" onerror="window.__cspProbe.push(\'inline handler\')">';
      document.body.appendChild(holder);
      await both;
      script.remove();
      holder.remove();
      return { ran: w.__cspProbe, violated };
    });
  }

  /** Parses a string as HTML into the page, as a vulnerable renderer would; proves the probe sees it. */
  async injectHtmlLikeABug(html: string): Promise<void> {
    await this.page.evaluate((h) => {
      const div = document.createElement('div');
      div.innerHTML = h;
      document.body.appendChild(div);
    }, html);
  }

  /** The request JSON as text (CodeMirror renders only visible lines; the page reads its document). */
  async requestJsonText(): Promise<string> {
    return this.jsonEditor.evaluate((el) => {
      const lines = [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '');
      return lines.join('\n');
    });
  }
}
