import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, type MeasureResult, type SavingsResult, type SlimOptions, type SlimResult } from '../../server/src/lsp/protocol.js';
import { buildSettings, trustedForBuilding, withBuild } from './build.js';
import { whenStarted } from './languageClient.js';
import { notifySlimResult, verifySlimmed } from './slimReview.js';

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
  const buildLog = vscode.window.createOutputChannel('Dockerfile Slim: build');
  return [
    buildLog,
    vscode.commands.registerCommand(Commands.measure, (uriArg?: unknown) => measure(client, buildLog, uriArg)),
    vscode.commands.registerCommand(Commands.verify, (uriArg?: unknown) => {
      const uri = targetUri(uriArg);
      if (uri) return verifySlimmed(client, buildLog, uri);
      void vscode.window.showWarningMessage('Dockerfile Slim: open a Dockerfile first.');
      return undefined;
    }),
    vscode.commands.registerCommand(Commands.slim, async (uriArg?: unknown, options?: SlimOptions): Promise<SlimResult | undefined> => {
      const uri = targetUri(uriArg);
      if (!uri) {
        void vscode.window.showWarningMessage('Dockerfile Slim: open a Dockerfile first.');
        return undefined;
      }
      await whenStarted(client);
      const before = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText() ?? '';
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: Commands.slimDocument, arguments: [uri, options ?? {}] })) as SlimResult | null;
      if (result) void notifySlimResult(uri, before, result, () => verifySlimmed(client, buildLog, uri));
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

/**
 * "Measure image": builds the Dockerfile (only in a trusted workspace: a build runs the Dockerfile's
 * commands), with a cancellable progress notification and the build log in an output channel. The server
 * does the build and then shows the sizes on the lines and the waste in the Problems view.
 */
async function measure(client: LanguageClient, buildLog: vscode.OutputChannel, uriArg?: unknown): Promise<MeasureResult | undefined> {
  const uri = targetUri(uriArg);
  if (!uri) {
    void vscode.window.showWarningMessage('Dockerfile Slim: open a Dockerfile first.');
    return undefined;
  }
  if (!trustedForBuilding('measuring')) return undefined;
  const { builders, buildFlags } = buildSettings(uri);
  const result = await withBuild<MeasureResult>(client, buildLog, uri, 'Measuring the image', Commands.measureDocument, [uri, { builders, buildFlags }]);
  if (result?.ok) void vscode.window.showInformationMessage(result.message);
  else if (result) {
    void vscode.window.showWarningMessage(result.message, 'Show build log').then((choice) => {
      if (choice) buildLog.show(true);
    });
  }
  return result ?? undefined;
}
