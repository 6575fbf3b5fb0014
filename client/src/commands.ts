import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, Notifications, type MeasureResult, type SavingsResult, type SlimOptions, type SlimResult } from '../../server/src/lsp/protocol.js';
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
  const buildLog = vscode.window.createOutputChannel('Dockerfile Slim: build');
  return [
    buildLog,
    vscode.commands.registerCommand(Commands.measure, (uriArg?: unknown) => measure(client, buildLog, uriArg)),
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
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Dockerfile Slim: measuring builds the image, which runs the commands in the Dockerfile. Trust this workspace first.');
    return undefined;
  }
  await whenStarted(client);
  const config = vscode.workspace.getConfiguration('dockerfileSlim.measure', vscode.Uri.parse(uri));
  const options = { builders: config.get<string[]>('builders'), buildFlags: config.get<string[]>('buildFlags') };
  buildLog.clear();
  buildLog.appendLine(`Measuring ${vscode.Uri.parse(uri).fsPath}`);
  const logs = client.onNotification(Notifications.buildLog, (p: { uri: string; text: string }) => {
    if (p.uri === uri) buildLog.append(p.text);
  });
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Dockerfile Slim: measuring the image', cancellable: true },
      async (progress, token) => {
        const phases = client.onNotification(Notifications.measureProgress, (p: { uri: string; message: string }) => {
          if (p.uri === uri) progress.report({ message: p.message });
        });
        try {
          const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: Commands.measureDocument, arguments: [uri, options] }, token)) as MeasureResult | null;
          if (result?.ok) void vscode.window.showInformationMessage(result.message);
          else if (result) {
            void vscode.window.showWarningMessage(result.message, 'Show build log').then((choice) => {
              if (choice) buildLog.show(true);
            });
          }
          return result ?? undefined;
        } catch (error) {
          if (token.isCancellationRequested) {
            void vscode.window.showInformationMessage('Dockerfile Slim: measuring cancelled; the build was stopped.');
            return undefined;
          }
          throw error;
        } finally {
          phases.dispose();
        }
      },
    );
  } finally {
    logs.dispose();
  }
}
