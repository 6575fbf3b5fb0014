import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, type RemainingFinding, type SlimResult, type VerifyRequestOptions, type VerifyResult } from '../../server/src/lsp/protocol.js';
import { buildSettings, trustedForBuilding, withBuild } from './build.js';

export const SHOW_REMAINING = 'Show remaining';
export const UNDO = 'Undo';
export const VERIFY = 'Verify by building';
export const SHOW_BUILD_LOG = 'Show build log';

/** The last "Slim this Dockerfile" that changed each document: the text before and after, and its estimate. */
interface SlimRecord {
  before: string;
  after: string;
  estimatedBytes: number | null;
}
const lastSlim = new Map<string, SlimRecord>();

/**
 * The notification after "Slim this Dockerfile": the server's one line, with "Verify by building" (in a
 * trusted workspace, when the text changed), "Show remaining" (the finding itself when one is left, else the
 * Problems view) and "Undo" (puts back the text from before the command, as long as the document still holds
 * what the command left). Resolves with the button chosen, if any.
 */
export async function notifySlimResult(uri: string, before: string, result: SlimResult, verify?: () => Promise<unknown>): Promise<string | undefined> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  const after = doc?.getText();
  const changed = result.applied && after !== undefined && after !== before;
  if (changed) lastSlim.set(uri, { before, after, estimatedBytes: result.estimatedBytes });
  const buttons: string[] = [];
  if (changed && verify && vscode.workspace.isTrusted && doc?.uri.scheme === 'file') buttons.push(VERIFY);
  if (result.remaining.length > 0) buttons.push(SHOW_REMAINING);
  if (changed) buttons.push(UNDO);
  const choice = await vscode.window.showInformationMessage(result.message, ...buttons);
  if (choice === VERIFY) await verify?.();
  if (choice === SHOW_REMAINING) await showRemaining(uri, result.remaining);
  if (choice === UNDO && doc && after !== undefined) await undoSlim(doc, before, after);
  return choice;
}

/**
 * "Verify by building": builds the text from before the last "Slim this Dockerfile" and the document's text
 * now, runs a container of each, and shows the measured saving next to the estimate. When the slimmed text
 * does not build or its container does not behave like the original's, says so and offers Undo.
 */
export async function verifySlimmed(client: LanguageClient, buildLog: vscode.OutputChannel, uri: string): Promise<VerifyResult | undefined> {
  const record = lastSlim.get(uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!record || !doc) {
    void vscode.window.showInformationMessage('Dockerfile Slim: nothing to verify here: run "Slim this Dockerfile" on this file first.');
    return undefined;
  }
  if (!trustedForBuilding('verifying')) return undefined;
  const slimmed = doc.getText();
  const options: VerifyRequestOptions = { ...buildSettings(uri), original: record.before, estimatedBytes: record.estimatedBytes };
  const result = await withBuild<VerifyResult>(client, buildLog, uri, 'Verifying by building', Commands.verifyDocument, [uri, options]);
  if (!result) return undefined;
  if (result.ok) {
    void vscode.window.showInformationMessage(result.message);
    return result;
  }
  const buttons = result.failure === 'cannot-verify' ? [SHOW_BUILD_LOG] : [UNDO, SHOW_BUILD_LOG];
  void vscode.window.showWarningMessage(result.message, ...buttons).then(async (choice) => {
    if (choice === SHOW_BUILD_LOG) buildLog.show(true);
    if (choice === UNDO && (await undoSlim(doc, record.before, slimmed))) lastSlim.delete(uri);
  });
  return result;
}

async function showRemaining(uri: string, remaining: readonly RemainingFinding[]): Promise<void> {
  const first = remaining[0];
  if (!first) return;
  const range = new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range, preserveFocus: remaining.length > 1 });
  if (remaining.length > 1) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Puts `before` back when the document still holds `after`; true when it did. */
async function undoSlim(doc: vscode.TextDocument, before: string, after: string): Promise<boolean> {
  if (doc.getText() !== after) {
    void vscode.window.showWarningMessage('Dockerfile Slim: the file changed since; use Undo in the editor instead.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(after.length)), before);
  return vscode.workspace.applyEdit(edit);
}
