import * as vscode from 'vscode';
import type { RemainingFinding, SlimResult } from '../../server/src/lsp/protocol.js';

export const SHOW_REMAINING = 'Show remaining';
export const UNDO = 'Undo';

/**
 * The notification after "Slim this Dockerfile": the server's one line, with "Show remaining" (the finding
 * itself when one is left, else the Problems view) and "Undo" (puts back the text from before the command,
 * as long as the document still holds what the command left). Resolves with the button chosen, if any.
 */
export async function notifySlimResult(uri: string, before: string, result: SlimResult): Promise<string | undefined> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  const after = doc?.getText();
  const buttons: string[] = [];
  if (result.remaining.length > 0) buttons.push(SHOW_REMAINING);
  if (result.applied && after !== undefined && after !== before) buttons.push(UNDO);
  const choice = await vscode.window.showInformationMessage(result.message, ...buttons);
  if (choice === SHOW_REMAINING) await showRemaining(uri, result.remaining);
  if (choice === UNDO && doc && after !== undefined) await undoSlim(doc, before, after);
  return choice;
}

async function showRemaining(uri: string, remaining: readonly RemainingFinding[]): Promise<void> {
  const first = remaining[0];
  if (!first) return;
  const range = new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range, preserveFocus: remaining.length > 1 });
  if (remaining.length > 1) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function undoSlim(doc: vscode.TextDocument, before: string, after: string): Promise<void> {
  if (doc.getText() !== after) {
    void vscode.window.showWarningMessage('Dockerfile Slim: the file changed since; use Undo in the editor instead.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(after.length)), before);
  await vscode.workspace.applyEdit(edit);
}
