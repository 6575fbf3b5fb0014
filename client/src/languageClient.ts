import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION } from '../../server/src/lsp/protocol.js';

const CLIENT_ID = 'dockerfileSlim';
const CLIENT_NAME = 'Dockerfile Slim';

/** Files that are Dockerfiles by name even when no extension has set their language. */
const PATTERNS = ['**/Containerfile', '**/Containerfile.*', '**/*.dockerfile', '**/*.Dockerfile', '**/Dockerfile.*'];

export const documentSelector: DocumentSelector = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  ...PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];

/** Crashes within this window count towards giving up. */
const CRASH_WINDOW_MS = 3 * 60 * 1000;
/** Restarts allowed within the window; the next crash leaves the server stopped. */
const MAX_RESTARTS = 4;

/**
 * Restarts the server when it dies and tells the user once per session, not on every restart. After
 * MAX_RESTARTS crashes within CRASH_WINDOW_MS it stops trying and says so.
 */
class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];
  private told = false;

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // Transient read/write errors: keep going unless they repeat.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: vscode.l10n.t('The Dockerfile Slim language server stopped {0} times in 3 minutes and will not be restarted. Run "Dockerfile Slim: Restart the language server" to try again; the output channel has details.', this.crashes.length),
      };
    }
    if (!this.told) {
      this.told = true;
      void vscode.window.showWarningMessage(vscode.l10n.t('The Dockerfile Slim language server stopped unexpectedly and was restarted. The output channel has details.'));
    }
    return { action: CloseAction.Restart, handled: true };
  }
}

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // Settings files and the build context: the server re-lints open Dockerfiles when they change. The
  // watchers outlive server restarts; the extension disposes them.
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.dockerfile-slim.json'),
    vscode.workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore}'),
    vscode.workspace.createFileSystemWatcher('**/package.json', false, true, false),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      fileEvents: watchers,
    },
    errorHandler: new RestartingErrorHandler(),
    // The server writes findings, fix titles and hover cards in the editor's display language (en or zh-cn).
    initializationOptions: { locale: typeof vscode.env.language === 'string' ? vscode.env.language : undefined },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/**
 * Resolves once the client is not starting any more: at once when it is running or stopped, else when its
 * start (or a restart after a crash) succeeds or fails. Never rejects; callers check the state after.
 */
export async function whenStarted(client: LanguageClient): Promise<void> {
  while (client.state === State.Starting) {
    try {
      // While starting, start() returns the pending start rather than starting again.
      await client.start();
    } catch {
      return;
    }
  }
}
