import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type CreateFile,
  type Range,
  type TextDocumentEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, applyEdits, chosenFix, fix, ignoreListEnd, LineTable, minimalEdit, plainMessage, type Analysis, type EngineConfig, type Finding, type Fix } from '../engine/index.js';
import type { ClientFeatures } from './capabilities.js';
import type { AnalysisCache } from './analysisCache.js';
import { isDockerfileUri } from './diagnostics.js';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SLIM_KIND } from './protocol.js';
import { engineConfig, filePath, type SettingsStore } from './settings.js';

export interface CodeActionDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyses: AnalysisCache;
  features(): ClientFeatures;
  ready: Promise<void>;
  /** The current text of another file (the editor's copy if open, else the disk's); null when it does not exist. */
  readText(uri: string): string | null;
  log(message: string): void;
}

const RULE_IDS = new Set(allRules.map((r) => r.meta.id));

/**
 * Code actions, recomputed on request: the document is linted again and the client's diagnostics are matched
 * to findings by code and range, so no fix is kept between requests.
 */
export async function provideCodeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  if (!deps.documents.get(uri) || !isDockerfileUri(uri) || !deps.features().codeActionLiterals) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const wantsQuickFix = wants(CodeActionKind.QuickFix);
  // Fix-all is a source action: offered when asked for by kind (Source Action menu, codeActionsOnSave).
  const wantsFixAll = only !== undefined && wants(FIX_ALL_KIND);
  // "Slim this Dockerfile" is offered on the first line (it runs the client command, which asks the server).
  const wantsSlim = params.range.start.line === 0 && wants(SLIM_KIND);
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  if (!wantsFixAll && !wantsSlim && !(wantsQuickFix && ours.length > 0)) return [];

  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return [];
  const text = doc.getText();
  const config = engineConfig(uri, settings);
  const actions: CodeAction[] = [];
  /** A diagnostic of the request is one of the document's current findings. */
  let matched = false;

  if (wantsQuickFix && ours.length > 0) {
    const analysis = deps.analyses.analyze(uri, text, config);
    const ignoresOffered = new Set<string>();
    for (const diagnostic of ours) {
      for (const finding of analysis.findings) {
        if (finding.ruleId !== diagnostic.code || !sameRange(finding.range, diagnostic.range)) continue;
        matched = true;
        for (const f of finding.fixes) {
          const edit = confirmIfRestructuring(doc, fixEdit(doc, f, deps), f, deps.features());
          if (!edit) continue;
          actions.push({
            title: plainMessage(f.safety === 'unsafe' ? `${f.title} (unsafe)` : f.title),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: f.safety === 'safe',
            edit,
          });
        }
        const ignore = ignoreEdit(analysis, finding);
        if (ignore && !ignoresOffered.has(ignore.key)) {
          ignoresOffered.add(ignore.key);
          actions.push({
            title: `Ignore ${finding.ruleId} for this instruction`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: documentEdit(doc, [ignore.edit], deps.features()),
          });
        }
      }
    }
  }

  // "Fix all safe problems" in the quick-fix menu, beside the fixes of the finding at hand.
  if (matched) {
    const edit = safeFixAllEdit(text, config);
    if (edit) actions.push({ title: 'Fix all safe problems in this file', kind: CodeActionKind.QuickFix, edit: documentEdit(doc, [edit], deps.features()) });
  }

  if (wantsSlim && deps.analyses.analyze(uri, text, config).findings.some((f) => f.fixes.length > 0)) {
    actions.push({
      title: 'Slim this Dockerfile (safe fixes now, unsafe ones for review)',
      kind: SLIM_KIND,
      command: { title: 'Slim this Dockerfile', command: Commands.slim, arguments: [uri] },
    });
  }

  if (wantsFixAll) {
    const edit = safeFixAllEdit(text, config);
    if (edit) actions.push({ title: 'Apply all safe Dockerfile Slim fixes', kind: FIX_ALL_KIND, edit: documentEdit(doc, [edit], deps.features()) });
  }
  return actions;
}

/** `dockerfileSlim.applyAllSafeFixes [uri]`: the edit applying every safe fix, or null when there is none. */
export async function applyAllSafeFixes(args: readonly unknown[], deps: CodeActionDeps): Promise<WorkspaceEdit | null> {
  const arg = args[0];
  const uri = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { uri?: unknown }).uri === 'string' ? (arg as { uri: string }).uri : null;
  if (uri === null || !deps.documents.get(uri) || !isDockerfileUri(uri)) return null;
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const edit = safeFixAllEdit(doc.getText(), engineConfig(uri, settings));
  return edit ? documentEdit(doc, [edit], deps.features()) : null;
}

/**
 * Every safe fix, applied with the engine's `fix()` (which re-lints until stable) and returned as one edit.
 * Fixes that also edit other files are left out: `fix()` applies Dockerfile edits only, and creating files
 * on save would surprise.
 */
export function safeFixAllEdit(text: string, config: EngineConfig): TextEdit | null {
  const result = fix(text, config, { filter: (f) => !(chosenSafeFix(f)?.fileEdits?.length) });
  return minimalEdit(text, result.text);
}

/** The fix `fix()` takes for a finding when only safe fixes are wanted. */
function chosenSafeFix(f: Finding): Fix | undefined {
  return chosenFix(f, false);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Annotation of an unsafe fix that restructures the file: VS Code shows it in the refactor preview first. */
const CONFIRM = 'dockerfile-slim.confirm';

/**
 * An unsafe fix that adds, removes or rewrites lines of the Dockerfile (a split into stages, a moved
 * instruction) becomes one edit over the range it changes, annotated as needing confirmation: the editor opens
 * its preview instead of applying it at once, and the preview has one row for it, so it cannot be taken in
 * part. Needs a client with change annotations and versioned document changes; otherwise the edit is returned
 * as it is.
 */
export function confirmIfRestructuring(doc: TextDocument, edit: WorkspaceEdit | null, f: Fix, features: ClientFeatures): WorkspaceEdit | null {
  if (!edit || f.safety !== 'unsafe' || !features.changeAnnotations || !edit.documentChanges) return edit;
  if (!f.edits.some((e) => e.range.start.line !== e.range.end.line || /[\r\n]/.test(e.newText))) return edit;
  const whole = oneEdit(doc.getText(), f.edits);
  return {
    documentChanges: edit.documentChanges.map((c) => {
      if (!('textDocument' in c)) return { ...c, annotationId: CONFIRM };
      const edits = c.textDocument.uri === doc.uri && whole ? [whole] : c.edits;
      return { ...c, edits: edits.map((e) => ({ ...e, annotationId: CONFIRM })) };
    }),
    changeAnnotations: { [CONFIRM]: { label: plainMessage(`${f.title} (unsafe)`), description: 'may change what is installed or how it starts: review it', needsConfirmation: true } },
  };
}

/** Non-overlapping edits of `text` as one edit from the first one's start to the last one's end. */
function oneEdit(text: string, edits: readonly TextEdit[]): TextEdit | null {
  if (edits.length === 0) return null;
  const lines = new LineTable(text);
  const offsets = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
  const start = Math.min(...offsets.map((o) => o.start));
  const end = Math.max(...offsets.map((o) => o.end));
  const newText = applyEdits(text.slice(start, end), offsets.map((o) => ({ start: o.start - start, end: o.end - start, newText: o.newText })));
  return { range: lines.range(start, end), newText };
}

/** Edits to this document only: versioned when the client allows, so a stale edit is refused. */
function documentEdit(doc: TextDocument, edits: TextEdit[], features: ClientFeatures): WorkspaceEdit {
  if (features.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

/**
 * The workspace edit of one fix. Edits to other files (`Fix.fileEdits`, paths relative to the Dockerfile's
 * directory) become CreateFile + TextDocumentEdit when the file is missing, or an append when it exists.
 * Null when the fix cannot be expressed for this client or document (for example creating a file without
 * resource operations, or any other file next to an untitled document).
 */
export function fixEdit(doc: TextDocument, f: Fix, deps: CodeActionDeps): WorkspaceEdit | null {
  const features = deps.features();
  const others = f.fileEdits ?? [];
  if (others.length === 0) return f.edits.length > 0 ? documentEdit(doc, f.edits, features) : null;
  const path = filePath(doc.uri);
  if (path === null) return null;

  // One edit per target file: texts for the same path are joined in order.
  const byPath = new Map<string, string>();
  for (const fe of others) byPath.set(fe.path, (byPath.get(fe.path) ?? '') + fe.text);

  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const changes: Record<string, TextEdit[]> = {};
  if (f.edits.length > 0) {
    documentChanges.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: f.edits });
    changes[doc.uri] = f.edits;
  }
  for (const [relative, text] of byPath) {
    const target = pathToFileURL(join(dirname(path), relative)).href;
    const existing = deps.readText(target);
    const open = deps.documents.get(target);
    if (existing === null) {
      if (!features.createFiles) return null;
      documentChanges.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
      documentChanges.push({ textDocument: { uri: target, version: null }, edits: [{ range: zeroRange(), newText: text }] });
      continue;
    }
    const lines = new LineTable(existing);
    const end = lines.positionAt(existing.length);
    const separator = existing.length > 0 && !/[\r\n]$/.test(existing) ? lines.lineBreak(0) || '\n' : '';
    const append: TextEdit = { range: { start: end, end }, newText: separator + text };
    documentChanges.push({ textDocument: { uri: target, version: open ? open.version : null }, edits: [append] });
    changes[target] = [append];
  }
  return features.documentChanges ? { documentChanges } : { changes };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/**
 * The edit that silences one finding: `# dockerfile-slim ignore=<id>` on its own line above the instruction
 * that holds the finding, indented like it and ending with the document's line ending; or `,<id>` added to an
 * ignore comment already there. Null for findings that are not rules' (internal errors) or lie outside any
 * instruction. `key` identifies the instruction and rule, so the action is offered once per pair.
 */
function ignoreEdit(analysis: Analysis, finding: Finding): { key: string; edit: TextEdit } | null {
  const model = analysis.model;
  if (!model || !RULE_IDS.has(finding.ruleId)) return null;
  const line = finding.range.start.line;
  const inst = model.instructions.find((i) => i.onbuild === null && i.range.start.line <= line && line <= i.range.end.line);
  if (!inst) return null;
  const instLine = inst.range.start.line;
  const key = `${finding.ruleId}@${instLine}`;
  // An ignore comment already above the instruction (the engine's grammar): add the id to its list.
  const listEnd = instLine > 0 ? ignoreListEnd(model.lines.lineText(instLine - 1)) : null;
  if (listEnd !== null) {
    const at = { line: instLine - 1, character: listEnd };
    return { key, edit: { range: { start: at, end: at }, newText: `,${finding.ruleId}` } };
  }
  const indent = /^[ \t]*/.exec(model.lines.lineText(instLine))![0];
  const at = { line: instLine, character: 0 };
  return { key, edit: { range: { start: at, end: at }, newText: `${indent}# dockerfile-slim ignore=${finding.ruleId}${model.eol}` } };
}
