import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, type SavingsResult, type SlimOptions, type SlimResult } from '../../server/src/lsp/protocol.js';
import { whenStarted } from './languageClient.js';
import { notifySlimResult } from './slimReview.js';

/** The Dockerfile a command works on: the one given (from a code action) or the active editor's. */
function targetUri(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'dockerfile') return editor.document.uri.toString();
  return null;
}

/**
 * "Slim this Dockerfile" and "Show estimated savings". The server does the work (on the editor's text, saved
 * or not) and sends the edit; these handlers only pick the document and report the result. Invoked while the
 * server is still starting (activation does not wait for it), they wait for it first.
 */
export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.slim, async (uriArg?: unknown, options?: SlimOptions): Promise<SlimResult | undefined> => {
      const uri = targetUri(uriArg);
      if (!uri) {
        void vscode.window.showWarningMessage('Dockerfile Slim: open a Dockerfile first.');
        return undefined;
      }
      await whenStarted(client);
      const before = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText() ?? '';
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: Commands.slimDocument, arguments: [uri, options ?? {}] })) as SlimResult | null;
      if (result) void notifySlimResult(uri, before, result);
      return result ?? undefined;
    }),
    vscode.commands.registerCommand(Commands.showSavings, async (uriArg?: unknown): Promise<SavingsResult | undefined> => {
      const uri = targetUri(uriArg);
      if (!uri) {
        void vscode.window.showWarningMessage('Dockerfile Slim: open a Dockerfile first.');
        return undefined;
      }
      await whenStarted(client);
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: Commands.estimateSavings, arguments: [uri] })) as SavingsResult | null;
      if (result) void vscode.window.showInformationMessage(result.message);
      return result ?? undefined;
    }),
  ];
}
