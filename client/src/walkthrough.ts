import * as vscode from 'vscode';
import { FIX_ALL_KIND } from '../../server/src/lsp/protocol.js';

export const OPEN_SAMPLE = 'dockerfileSlim.openSample';
export const ENABLE_FIX_ON_SAVE = 'dockerfileSlim.enableFixOnSave';

/** A typical first Dockerfile: one stage that compiles, package lists and caches left behind. */
export const SAMPLE = `FROM python:3.12
WORKDIR /app
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD python app.py
`;

/** The commands the "Get started" walkthrough's steps run. */
export function registerWalkthrough(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(OPEN_SAMPLE, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: SAMPLE });
      await vscode.window.showTextDocument(doc);
      return doc.uri.toString();
    }),
    vscode.commands.registerCommand(ENABLE_FIX_ON_SAVE, async () => {
      const config = vscode.workspace.getConfiguration('', { languageId: 'dockerfile' });
      const current = config.inspect<Record<string, string>>('editor.codeActionsOnSave');
      const value = { ...(current?.globalLanguageValue ?? {}), [FIX_ALL_KIND]: 'explicit' };
      await config.update('editor.codeActionsOnSave', value, vscode.ConfigurationTarget.Global, true);
      void vscode.window.showInformationMessage(vscode.l10n.t('Dockerfile Slim: safe fixes are now applied when you save a Dockerfile.'));
      return value;
    }),
  ];
}
