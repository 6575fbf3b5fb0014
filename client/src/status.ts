import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../server/src/lsp/protocol.js';

/** `19.9 MB`: decimal units, as `docker images` prints sizes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** Findings and the estimated saving of a document's Dockerfile Slim diagnostics (each figure counted once). */
export function summarise(diagnostics: readonly vscode.Diagnostic[]): { findings: number; errors: number; bytes: number } {
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const figures = new Map<string, number>();
  for (const d of ours) {
    const data = (d as vscode.Diagnostic & { data?: DiagnosticData }).data;
    const est = data?.estimate as ({ bytes: number; basis: string; id?: string } | undefined);
    if (!est || !(est.bytes > 0)) continue;
    figures.set(est.id ?? `${data?.ruleId}:${d.range.start.line}:${est.bytes}`, est.bytes);
  }
  let bytes = 0;
  for (const b of figures.values()) bytes += b;
  return { findings: ours.length, errors: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, bytes };
}

/**
 * The language status item of Dockerfiles (the `{}` next to the language name in the status bar): findings
 * and estimated saving of the active Dockerfile, and the server's state. Its action runs "Slim this Dockerfile".
 */
export function registerStatus(client: LanguageClient): vscode.Disposable[] {
  const item = vscode.languages.createLanguageStatusItem('dockerfileSlim.status', { language: 'dockerfile' });
  item.name = 'Dockerfile Slim';
  const refresh = (): void => {
    if (client.state === State.Starting) {
      item.text = '$(loading~spin) Dockerfile Slim';
      item.detail = vscode.l10n.t('starting');
      item.busy = true;
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
      return;
    }
    item.busy = false;
    if (client.state === State.Stopped) {
      item.text = vscode.l10n.t('Dockerfile Slim: stopped');
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.command = { title: vscode.l10n.t('Restart'), command: Commands.restartServer };
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const { findings, errors, bytes } = editor ? summarise(vscode.languages.getDiagnostics(editor.document.uri)) : { findings: 0, errors: 0, bytes: 0 };
    item.text = findings === 0 ? vscode.l10n.t('Dockerfile Slim: no findings') : findings === 1 ? vscode.l10n.t('Dockerfile Slim: 1 finding') : vscode.l10n.t('Dockerfile Slim: {0} findings', findings);
    item.detail = bytes > 0 ? vscode.l10n.t('≈ {0} to save (estimate)', formatBytes(bytes)) : findings > 0 ? vscode.l10n.t('savings not estimated') : undefined;
    item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : findings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.command = findings > 0 ? { title: vscode.l10n.t('Slim this Dockerfile'), command: Commands.slim } : undefined;
  };
  refresh();
  return [
    item,
    client.onDidChangeState(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) refresh();
    }),
  ];
}
