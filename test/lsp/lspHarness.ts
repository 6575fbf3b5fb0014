/**
 * Drives the real bundled language server (server/out/server.js, built by `npm run build`) over JSON-RPC,
 * the way an editor does. Waits are on notifications, each with a timeout; there are no sleeps.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type AnnotatedTextEdit,
  type ApplyWorkspaceEditParams,
  type ChangeAnnotation,
  type ClientCapabilities,
  type ConfigurationItem,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');
const DEFAULT_SERVER = SERVER;
const WAIT_MS = 15_000;

/** What VS Code announces, reduced to the parts the server reads. */
export const VSCODE_LIKE: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class LspHarness {
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every window/showMessage notification received. */
  readonly shownMessages: ShowMessageParams[] = [];
  /** Every window/logMessage text received (the server's log). */
  readonly logs: string[] = [];
  /** Every window/showMessageRequest received (the server should send none). */
  readonly messageRequests: unknown[] = [];
  /** Every workspace/configuration item the server asked for. */
  readonly configurationItems: ConfigurationItem[] = [];
  /** Answers workspace/configuration, per item; change it between tests. */
  settingsFor: (item: ConfigurationItem) => unknown = () => ({});
  result!: InitializeResult;
  private readonly waiters: Waiter[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(p);
        }
      }
    });
    connection.onNotification(ShowMessageNotification.type, (p) => void this.shownMessages.push(p));
    connection.onNotification(LogMessageNotification.type, (p) => void this.logs.push(p.message));
    connection.onRequest(ShowMessageRequest.type, (p) => {
      this.messageRequests.push(p);
      return null;
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationItems.push(...p.items);
      return p.items.map((item) => this.settingsFor(item));
    });
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    connection.listen();
  }

  /** Starts `node server/out/server.js --stdio` (or `--node-ipc`) and runs initialize/initialized. */
  /** `server`: another copy of the bundle to start (default: the built one, SERVER). */
  static async start(options: { capabilities?: ClientCapabilities; transport?: 'stdio' | 'ipc'; server?: string; initializationOptions?: unknown; locale?: string } = {}): Promise<LspHarness> {
    const SERVER = options.server ?? DEFAULT_SERVER;
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const harness = new LspHarness(connection, child);
    harness.result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? VSCODE_LIKE,
      workspaceFolders: null,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return harness;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) clearTimeout(w.timer);
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    this.connection.dispose();
  }

  /** The next publish for `uri` accepted by `accept`, after the call (earlier ones are not looked at). */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.findIndex((w) => w.timer === timer), 1);
        reject(new Error(`no diagnostics for ${uri} within ${WAIT_MS} ms; server log:\n${this.logs.join('\n')}\nstderr:\n${this.stderr}`));
      }, WAIT_MS);
      this.waiters.push({ uri, accept, resolve, reject, timer });
    });
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    this.docs.set(uri, TextDocument.create(uri, 'dockerfile', version, text));
    const next = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version, text } });
    return next;
  }

  /** Sends changes without waiting. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the whole text and waits for the diagnostics of the new version. */
  async replace(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    const next = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text }]);
    return next;
  }

  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri);
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return next;
  }

  async changeConfiguration(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /**
   * Answers `workspace/applyEdit` like an editor with a refactor preview: `choose` gets the edits for each
   * document with their change annotations and returns the ones to apply (null: refuse the whole edit). The
   * chosen edits are applied to the harness's copy and sent as a change, then the request is answered.
   * Returns the list of edits received, for assertions.
   */
  actAsEditor(choose: (edits: AnnotatedTextEdit[], annotations: Record<string, ChangeAnnotation>) => AnnotatedTextEdit[] | null): ApplyWorkspaceEditParams[] {
    const received: ApplyWorkspaceEditParams[] = [];
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, async (p) => {
      received.push(p);
      for (const change of p.edit.documentChanges ?? []) {
        if (!('textDocument' in change) || !this.docs.has(change.textDocument.uri)) continue;
        const chosen = choose(change.edits as AnnotatedTextEdit[], p.edit.changeAnnotations ?? {});
        if (chosen === null) return { applied: false };
        const doc = this.doc(change.textDocument.uri);
        const text = applyEdits(doc.getText(), chosen);
        if (text !== doc.getText()) await this.change(doc.uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text }]);
      }
      return { applied: true };
    });
    return received;
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }
}

/** The text edits a workspace edit makes to one document, whichever shape the server used. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** Applies text edits to a text (non-overlapping, as LSP requires). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('inmemory://x', 'dockerfile', 0, text), edits);
}
