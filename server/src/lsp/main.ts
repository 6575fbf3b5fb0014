/**
 * The Dockerfile Slim language server: an adapter between LSP and the engine, with no rule logic of its own.
 * Start it with `--stdio`, `--node-ipc` or `--socket=<port>`.
 */
import { readFileSync } from 'node:fs';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadEngine } from '../node/loadEngine.js';
import { NO_CLIENT_FEATURES, readClientFeatures, type ClientFeatures } from './capabilities.js';
import { applyAllSafeFixes, provideCodeActions, type CodeActionDeps } from './codeActions.js';
import { AnalysisCache } from './analysisCache.js';
import { debounceFrom, DiagnosticsScheduler, isDockerfileUri } from './diagnostics.js';
import { createStdioConnection } from './framing.js';
import { provideHover } from './hover.js';
import { provideInlayHints } from './inlayHints.js';
import { estimateSavings, slimDocument, type SlimDeps } from './slim.js';
import { measureDocument, measuredLenses, MeasureStore, wasteDiagnostics } from './measure.js';
import { verifyDocument } from './verify.js';
import { Commands, CONFIGURATION_SECTION, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SLIM_KIND } from './protocol.js';
import { localeFrom, serverLocale, setServerLocale } from './messages.js';
import { version } from '../../../package.json';
import { describe, engineConfig, filePath, SettingsStore } from './settings.js';
import { setServerV8Flags } from './v8flags.js';

// V8 flags for a long-lived server (v8flags.ts says why); before the grammar is compiled.
setServerV8Flags();

// Over stdio, input goes through a filter that keeps the message framing in step after malformed input.
const connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string): void => connection.console.error(message);
/** Messages of the `info` and `debug` levels (dockerfileSlim.logLevel; callers check the level). */
let announced = false;
const info = (message: string): void => {
  // The first info line is the version: written once the level is known (with the first document's settings).
  if (!announced) connection.console.info(`Dockerfile Slim ${version} (Node ${process.version}); messages in ${serverLocale()}`);
  announced = true;
  connection.console.info(message);
};
const debug = (message: string): void => connection.console.log(message);

/** Capabilities of the connected client; replaced once, at `initialize`. */
let features: ClientFeatures = NO_CLIENT_FEATURES;

const ready: Promise<void> = loadEngine().catch((error: unknown) => {
  log(`Could not load the shell grammar; RUN instructions cannot be analysed: ${describe(error)}`);
});

const settings = new SettingsStore({
  fetch: (uri) => (features.configuration ? connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION }) : Promise.resolve(undefined)),
  warn: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  log,
  info,
});

const analyses = new AnalysisCache(log);
const measurements = new MeasureStore();

const diagnostics = new DiagnosticsScheduler({
  documents,
  settings,
  analyses,
  ready,
  publish: (params) => void connection.sendDiagnostics(params),
  debug,
  extra: (uri, version) => {
    const measured = measurements.get(uri, version);
    return measured ? wasteDiagnostics(uri, measured) : [];
  },
  log,
});

const codeActionDeps: CodeActionDeps = {
  documents,
  settings,
  analyses,
  features: () => features,
  ready,
  readText,
  log,
};

const slimDeps: SlimDeps = {
  documents,
  settings,
  features: () => features,
  ready,
  applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
};

/** Runs a handler; an exception is logged and answered with `fallback` instead of reaching the client. */
function guarded<P, R>(name: string, fallback: R, handler: (params: P, token?: CancellationToken) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      log(`${name} failed: ${describe(error)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params): InitializeResult => {
  features = readClientFeatures(params.capabilities);
  diagnostics.debounceMs = debounceFrom(params.initializationOptions);
  // The client's display language (initializationOptions.locale; LSP's own `locale` as a fallback).
  setServerLocale(localeFrom(params.initializationOptions, params.locale));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SLIM_KIND], resolveProvider: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      executeCommandProvider: { commands: [Commands.applyAllSafeFixes, Commands.slimDocument, Commands.estimateSavings, Commands.measureDocument, Commands.verifyDocument] },
    },
    serverInfo: { name: DIAGNOSTIC_SOURCE },
  };
});

// Opening lints at once; later changes wait for the debounce.
documents.onDidChangeContent((event) => diagnostics.changed(event.document.uri));
documents.onDidClose((event) => {
  diagnostics.close(event.document.uri);
  settings.clear(event.document.uri);
  analyses.delete(event.document.uri);
  measurements.delete(event.document.uri);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  diagnostics.scheduleAll();
  // The size hints may have been turned on or off.
  if (features.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
});

// The client watches `.dockerfile-slim.json`, `.dockerignore` and `package.json`: settings and build context.
connection.onDidChangeWatchedFiles(() => {
  settings.clear();
  diagnostics.scheduleAll();
});

connection.onCodeAction(guarded('textDocument/codeAction', null, (params) => provideCodeActions(params, codeActionDeps)));

/** An open Dockerfile and its settings, once the engine is ready; null when it is not one, or was closed meanwhile. */
async function openDockerfile(uri: string): Promise<{ doc: TextDocument; docSettings: Awaited<ReturnType<SettingsStore['get']>> } | null> {
  if (!documents.get(uri) || !isDockerfileUri(uri)) return null;
  await ready;
  const docSettings = await settings.get(uri);
  const doc = documents.get(uri);
  return doc ? { doc, docSettings } : null;
}

connection.onHover(
  guarded('textDocument/hover', null, async (params) => {
    const uri = params.textDocument.uri;
    const open = await openDockerfile(uri);
    if (!open) return null;
    return provideHover(open.doc, params.position, analyses.analyze(uri, open.doc.getText(), engineConfig(uri, open.docSettings)));
  }),
);

// Measured sizes, shown only while the document still has the text that was built.
connection.onCodeLens(
  guarded('textDocument/codeLens', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    const measured = doc ? measurements.get(doc.uri, doc.version) : undefined;
    return measured ? measuredLenses(measured) : [];
  }),
);

const measureDeps = {
  documents,
  settings,
  ready,
  store: measurements,
  notify: (method: string, params: unknown) => void connection.sendNotification(method, params),
  changed: (uri: string) => {
    diagnostics.schedule(uri, 0);
    if (features.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  },
  log,
};

connection.languages.inlayHint.on(
  guarded('textDocument/inlayHint', null, async (params) => {
    const uri = params.textDocument.uri;
    const open = await openDockerfile(uri);
    if (!open || !open.docSettings.sizeHints) return null;
    return provideInlayHints(params, analyses.analyze(uri, open.doc.getText(), engineConfig(uri, open.docSettings)));
  }),
);

connection.onExecuteCommand(
  guarded('workspace/executeCommand', null, (params, token?: CancellationToken): Promise<unknown> | null => {
    if (params.command === Commands.measureDocument) return measureDocument(params.arguments ?? [], measureDeps, token);
    if (params.command === Commands.verifyDocument) return verifyDocument(params.arguments ?? [], measureDeps, token);
    if (params.command === Commands.applyAllSafeFixes) return applyAllSafeFixes(params.arguments ?? [], codeActionDeps);
    if (params.command === Commands.slimDocument) return slimDocument(params.arguments ?? [], slimDeps);
    if (params.command === Commands.estimateSavings) return estimateSavings(params.arguments ?? [], slimDeps);
    log(`Unknown command ${params.command}`);
    return null;
  }) as Parameters<typeof connection.onExecuteCommand>[0],
);

connection.onShutdown(() => diagnostics.dispose());

/** The text of another file: the editor's copy when open, else the disk's; null when it does not exist. */
function readText(uri: string): string | null {
  const open = documents.get(uri);
  if (open) return open.getText();
  const path = filePath(uri);
  if (path === null) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${describe(reason)}`));
process.on('uncaughtException', (error) => log(`Uncaught exception: ${describe(error)}`));

documents.listen(connection);
connection.listen();
