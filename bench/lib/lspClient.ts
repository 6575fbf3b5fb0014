/**
 * A small LSP client for the benchmarks: starts the bundled server over stdio, answers what the server asks,
 * and timestamps every publishDiagnostics as it arrives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGcReport } from './gcReport.js';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from './corpus.js';
import { nowMs } from './stats.js';

export const SERVER = join(ROOT, 'server', 'out', 'server.js');
const GC_HOOK = join(ROOT, 'bench', 'lib', 'gcHook.cjs');
const WAIT_MS = 60_000;

/** What VS Code announces, reduced to the parts the server reads. */
const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    didChangeConfiguration: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } },
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
  version: number;
  resolve: (p: { params: PublishDiagnosticsParams; at: number }) => void;
  timer: NodeJS.Timeout;
}

export class BenchClient {
  private readonly waiters: Waiter[] = [];
  private readonly docs = new Map<string, TextDocument>();
  /** The latest diagnostics per document. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    /** When the process was spawned (nowMs). */
    readonly spawnedAt: number,
    private readonly gcReport: string,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = nowMs();
      this.diagnostics.set(params.uri, params.diagnostics);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (w.uri === params.uri && w.version === params.version) {
          this.waiters.splice(i, 1);
          clearTimeout(w.timer);
          w.resolve({ params, at });
        }
      }
    });
    // Every setting at its default.
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
    child.stderr?.on('data', (d: Buffer) => {
      if (this.stderr.length < 20_000) this.stderr += d.toString();
    });
    connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /**
   * Asks a server started with `gcOnSignal` for a full garbage collection. The previous report is removed first,
   * so that `heapUsedAfterGc()` can only read the one this collection writes.
   */
  collectGarbage(): void {
    rmSync(this.gcReport, { force: true });
    this.child.kill('SIGUSR2');
  }

  /** The server's V8 heap in use after the last `collectGarbage()`, in bytes, once its report is there (see gcReport.ts). */
  heapUsedAfterGc(): Promise<number> {
    return readGcReport(this.gcReport);
  }

  /**
   * Spawns the server and runs initialize/initialized; `initializedAt` is when initialize was answered. With
   * `gcOnSignal`, the server is preloaded with gcHook.cjs, so that `collectGarbage()` can run a full GC.
   */
  static async start(initializationOptions?: object, gcOnSignal = false): Promise<{ client: BenchClient; initializedAt: number }> {
    const spawnedAt = nowMs();
    const flags = gcOnSignal ? ['--expose-gc', '--require', GC_HOOK] : [];
    const gcReport = join(mkdtempSync(join(tmpdir(), 'bench-gc-')), 'memory.json');
    const child = spawn(process.execPath, [...flags, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BENCH_GC_REPORT: gcReport } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new BenchClient(child, connection, spawnedAt, gcReport);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: CAPABILITIES,
      workspaceFolders: null,
      initializationOptions,
    });
    const initializedAt = nowMs();
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, initializedAt };
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

  private published(uri: string, version: number): Promise<{ params: PublishDiagnosticsParams; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${WAIT_MS} ms\n${this.stderr}`)), WAIT_MS);
      this.waiters.push({ uri, version, resolve, timer });
    });
  }

  /** Opens a document; resolves with the milliseconds from didOpen to its first diagnostics. */
  async open(uri: string, text: string): Promise<number> {
    this.docs.set(uri, TextDocument.create(uri, 'dockerfile', 1, text));
    const next = this.published(uri, 1);
    const start = nowMs();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    return (await next).at - start;
  }

  /** Sends one change; resolves with the milliseconds from didChange to the diagnostics of the new version. */
  async change(uri: string, change: TextDocumentContentChangeEvent): Promise<number> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, [change], version);
    const next = this.published(uri, version);
    const start = nowMs();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return (await next).at - start;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<{ ms: number; actions: (CodeAction | Command)[] }> {
    const start = nowMs();
    const actions = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only, triggerKind: 1 } : { diagnostics, triggerKind: 2 },
    });
    return { ms: nowMs() - start, actions: actions ?? [] };
  }

  async hover(uri: string, position: Position): Promise<{ ms: number; hover: Hover | null }> {
    const start = nowMs();
    const hover = await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return { ms: nowMs() - start, hover };
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }
}
