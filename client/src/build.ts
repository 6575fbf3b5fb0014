import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Notifications } from '../../server/src/lsp/protocol.js';
import { whenStarted } from './languageClient.js';

/** The build settings of the document's folder: builders to try, build flags, run flags. */
export function buildSettings(uri: string): { builders?: string[]; buildFlags?: string[]; runFlags?: string[] } {
  const config = vscode.workspace.getConfiguration('dockerfileSlim.measure', vscode.Uri.parse(uri));
  return { builders: config.get<string[]>('builders'), buildFlags: config.get<string[]>('buildFlags'), runFlags: config.get<string[]>('runFlags') };
}

/**
 * Runs a server command that builds images (measure, verify) behind a cancellable progress notification,
 * with the build log in the output channel. Null when cancelled (the server stops the build).
 */
export async function withBuild<T>(client: LanguageClient, buildLog: vscode.OutputChannel, uri: string, title: string, command: string, args: unknown[]): Promise<T | null> {
  await whenStarted(client);
  buildLog.clear();
  buildLog.appendLine(`${title}: ${vscode.Uri.parse(uri).fsPath}`);
  const logs = client.onNotification(Notifications.buildLog, (p: { uri: string; text: string }) => {
    if (p.uri === uri) buildLog.append(p.text);
  });
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Dockerfile Slim: ${title.toLowerCase()}`, cancellable: true }, async (progress, token) => {
      const phases = client.onNotification(Notifications.measureProgress, (p: { uri: string; message: string }) => {
        if (p.uri === uri) progress.report({ message: p.message });
      });
      try {
        return ((await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token)) as T | null) ?? null;
      } catch (error) {
        if (token.isCancellationRequested) {
          void vscode.window.showInformationMessage(`Dockerfile Slim: ${title.toLowerCase()} cancelled; the build was stopped.`);
          return null;
        }
        throw error;
      } finally {
        phases.dispose();
      }
    });
  } finally {
    logs.dispose();
  }
}

/** Building runs the Dockerfile's commands: only in a trusted workspace. False (and says so) when not. */
export function trustedForBuilding(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`Dockerfile Slim: ${what} builds the image, which runs the commands in the Dockerfile. Trust this workspace first.`);
  return false;
}
