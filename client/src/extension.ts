import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/lsp/protocol.js';
import { registerCommands } from './commands.js';
import { createLanguageClient, whenStarted } from './languageClient.js';
import { registerLearnMore, registerRuleDocs } from './ruleDocs.js';
import { registerStatus } from './status.js';
import { registerWalkthrough } from './walkthrough.js';

let client: LanguageClient | undefined;

/**
 * Registers the commands and starts the language server; all linting happens there, none in the extension
 * host. Activation does not wait for the server: it starts in the background (a failure is shown and
 * logged by the client), and the commands wait until it is up before they use it.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = createLanguageClient(context);
  client = started;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      // Stopping a client that is still starting fails: let the start finish (or fail) first.
      await whenStarted(started);
      await started.restart();
    }),
    ...registerCommands(started),
    ...registerRuleDocs(context, () => started.outputChannel),
    ...registerWalkthrough(),
  );
  started
    .start()
    .then(() => {
      // Like the server's own providers, the status item and "Learn more" appear once the server is up.
      if (client === started) context.subscriptions.push(...registerStatus(started), registerLearnMore());
    })
    .catch(() => {
      // The client has already shown the failure and logged it; the restart command stays available.
    });
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  await whenStarted(c);
  if (c.isRunning()) await c.stop();
}
