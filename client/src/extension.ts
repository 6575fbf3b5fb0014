import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/lsp/protocol.js';
import { registerCommands } from './commands.js';
import { createLanguageClient } from './languageClient.js';

let client: LanguageClient | undefined;

/** Starts the language server; all linting happens there, none in the extension host. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = createLanguageClient(context);
  client = started;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      await started.restart();
    }),
    ...registerCommands(started),
  );
  try {
    await started.start();
  } catch {
    // The client has already shown the failure and logged it; the restart command stays available.
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
