import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol.js';

export const OPEN_RULE_DOC = 'dockerfileSlim.openRuleDoc';
export const SHOW_OUTPUT = 'dockerfileSlim.showOutput';

/** `zh-cn`, `zh-CN`, `zh-hans…`, `zh-sg`, `zh`: the languages the Chinese rule pages are for (as the server's resolveLocale). */
export function isSimplifiedChinese(language: string | undefined): boolean {
  const t = (language ?? '').toLowerCase().replace(/_/g, '-');
  return t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans');
}

/** Rule ids are kebab-case; anything else is not a rule (and never becomes a path). */
function isRuleId(id: unknown): id is string {
  return typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return d.source === DIAGNOSTIC_SOURCE && isRuleId(code) ? code : undefined;
}

/**
 * "Open rule documentation": the rule's page shipped inside the extension (docs/rules/<id>.md, or
 * docs/rules/zh-cn/<id>.md when the display language is Simplified Chinese and the page exists), in VS Code's
 * Markdown preview: offline, the same text as on the web. From a diagnostic ("Learn more about <rule>" in
 * the quick-fix menu) or from the palette (pick a rule of the active Dockerfile, or any rule).
 */
export function registerRuleDocs(context: vscode.ExtensionContext, outputChannel: () => vscode.OutputChannel | undefined): vscode.Disposable[] {
  const docsDir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const open = async (ruleArg?: unknown): Promise<boolean> => {
    let rule = isRuleId(ruleArg) ? ruleArg : undefined;
    if (!rule) {
      const entries = await vscode.workspace.fs.readDirectory(docsDir);
      const all = entries.map(([n]) => n).filter((n) => /^[a-z].*\.md$/.test(n)).map((n) => n.slice(0, -3)).sort();
      const editor = vscode.window.activeTextEditor;
      const here = new Set(editor ? vscode.languages.getDiagnostics(editor.document.uri).map(ruleOf).filter(isRuleId) : []);
      const items = [...all.filter((r) => here.has(r)), ...all.filter((r) => !here.has(r))].map((r) => ({ label: r, description: here.has(r) ? vscode.l10n.t('in this file') : '' }));
      rule = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open rule documentation'), placeHolder: vscode.l10n.t('Rule id') }))?.label;
      if (!rule) return false;
    }
    // The Chinese page when the display language is Simplified Chinese and the page is translated; else English.
    const candidates = [...(isSimplifiedChinese(vscode.env.language) ? [vscode.Uri.joinPath(docsDir, 'zh-cn', `${rule}.md`)] : []), vscode.Uri.joinPath(docsDir, `${rule}.md`)];
    for (const uri of candidates) {
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        continue;
      }
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return true;
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Dockerfile Slim: no documentation for "{0}".', rule));
    return false;
  };
  return [
    vscode.commands.registerCommand(OPEN_RULE_DOC, open),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => outputChannel()?.show(true)),
  ];
}

/** "Learn more about <rule>" in the quick-fix menu of each Dockerfile Slim diagnostic. */
export function registerLearnMore(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
      { language: 'dockerfile' },
      {
        provideCodeActions(_doc, _range, ctx) {
          const seen = new Set<string>();
          const actions: vscode.CodeAction[] = [];
          for (const d of ctx.diagnostics) {
            const rule = ruleOf(d);
            if (!rule || seen.has(rule)) continue;
            seen.add(rule);
            const action = new vscode.CodeAction(vscode.l10n.t('Learn more about {0}', rule), vscode.CodeActionKind.Empty);
            action.command = { title: action.title, command: OPEN_RULE_DOC, arguments: [rule] };
            action.diagnostics = [d];
            actions.push(action);
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.Empty] },
  );
}
