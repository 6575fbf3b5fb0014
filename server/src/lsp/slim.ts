import type { AnnotatedTextEdit, ChangeAnnotation, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatBytes, LineTable, lineHunks, lint, savingsSummary, slimPlan, totalEstimate, type SlimChange } from '../engine/index.js';
import type { ClientFeatures } from './capabilities.js';
import { isDockerfileUri } from './diagnostics.js';
import type { SavingsResult, SlimOptions, SlimResult } from './protocol.js';
import { engineConfig, type SettingsStore } from './settings.js';

export interface SlimDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  features(): ClientFeatures;
  ready: Promise<void>;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
}

const SAFE = 'dockerfile-slim.safe';

/**
 * "Slim this Dockerfile": one workspace edit with every safe change and, for review, every unsafe one. Unsafe
 * changes carry change annotations that need confirmation, one per change, so the refactor preview lists
 * them by rule and lets the user untick any. Works on the editor's text, saved or not.
 */
export async function slimDocument(args: unknown[], deps: SlimDeps): Promise<SlimResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as SlimOptions;
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const features = deps.features();
  const canReview = features.changeAnnotations;
  const mode = options.unsafe ?? 'review';
  const includeUnsafe = mode === 'apply' || (mode === 'review' && canReview);

  const plan = slimPlan(doc.getText(), engineConfig(uri, settings));
  const changes = plan.changes.filter((c) => includeUnsafe || c.safety === 'safe');
  const unsafeCount = includeUnsafe ? plan.unsafeApplied.length : 0;
  const manual = plan.remaining.length;
  const estimatedBytes = includeUnsafe ? plan.estimatedBytes : totalEstimate(plan.safeApplied.map((a) => a.estimate));
  const summary = (applied: boolean): SlimResult => ({
    applied,
    safeFixes: plan.safeApplied.length,
    unsafeFixes: unsafeCount,
    manual,
    estimatedBytes,
    message: describeResult(applied, plan.safeApplied.length, unsafeCount, mode, canReview, plan.unsafeApplied.length, manual, estimatedBytes),
  });
  const edits = includeUnsafe ? changes : safeOnly(doc.getText(), plan.safeText);
  if (edits.length === 0) return summary(false);

  const annotations: Record<string, ChangeAnnotation> = {
    [SAFE]: { label: 'Safe fixes', description: 'installed software and start-up unchanged', needsConfirmation: false },
  };
  const textEdits: AnnotatedTextEdit[] = edits.map((c, i) => {
    if (c.safety === 'safe' || mode === 'apply') {
      if (c.safety !== 'safe' && !annotations['dockerfile-slim.unsafe']) {
        annotations['dockerfile-slim.unsafe'] = { label: 'Unsafe fixes', description: 'may change what is installed or how it starts', needsConfirmation: false };
      }
      return { range: c.range, newText: c.newText, annotationId: c.safety === 'safe' ? SAFE : 'dockerfile-slim.unsafe' };
    }
    const id = c.group ? `dockerfile-slim.unsafe.${c.group}` : `dockerfile-slim.unsafe.${i}`;
    annotations[id] ??= {
      label: c.group ? `Split into a build stage and a runtime stage (${c.ruleIds.join(', ')})` : c.ruleIds.length > 0 ? c.ruleIds.join(', ') : 'Unsafe change',
      description: 'unsafe: review before applying',
      needsConfirmation: true,
    };
    return { range: c.range, newText: c.newText, annotationId: id };
  });
  const edit: WorkspaceEdit = features.documentChanges
    ? {
        documentChanges: [{ textDocument: { uri, version: doc.version }, edits: textEdits }],
        ...(features.changeAnnotations ? { changeAnnotations: annotations } : {}),
      }
    : { changes: { [uri]: textEdits.map(({ range, newText }) => ({ range, newText })) } };
  if (!features.documentChanges || !features.changeAnnotations) {
    for (const e of textEdits) delete (e as Partial<AnnotatedTextEdit>).annotationId;
    if (features.documentChanges) delete edit.changeAnnotations;
  }
  const applied = features.applyEdit ? await deps.applyEdit('Slim this Dockerfile', edit) : false;
  return summary(applied);
}

/** The safe text's difference from the document, as whole-line changes. */
function safeOnly(text: string, safeText: string): SlimChange[] {
  const lines = new LineTable(text);
  const at = (l: number): number => (l < lines.lineCount ? lines.starts[l]! : text.length);
  return lineHunks(text, safeText).map((h) => ({ range: lines.range(at(h.oldStart), at(h.oldEnd)), newText: h.newText, safety: 'safe', ruleIds: [] }));
}

function describeResult(applied: boolean, safe: number, unsafe: number, mode: string, canReview: boolean, unsafeAvailable: number, manual: number, bytes: number): string {
  const parts: string[] = [];
  if (safe === 0 && unsafe === 0) parts.push('nothing to fix automatically');
  else if (!applied) parts.push('no change was applied');
  else {
    parts.push(`applied ${safe} safe fix${safe === 1 ? '' : 'es'}`);
    if (unsafe > 0) parts.push(mode === 'apply' ? `and ${unsafe} unsafe fix${unsafe === 1 ? '' : 'es'}` : `and the unsafe fixes you confirmed (${unsafe} proposed)`);
  }
  if (mode !== 'apply' && !canReview && unsafeAvailable > 0) parts.push(`${unsafeAvailable} unsafe fix${unsafeAvailable === 1 ? '' : 'es'} left out (this editor cannot preview them; use \`dockerfile-slim fix --unsafe\`)`);
  if (mode === 'skip' && unsafeAvailable > 0) parts.push(`${unsafeAvailable} unsafe fix${unsafeAvailable === 1 ? '' : 'es'} left out`);
  if (manual > 0) parts.push(`${manual} finding${manual === 1 ? '' : 's'} need${manual === 1 ? 's' : ''} a manual change`);
  const saving = bytes > 0 ? `; estimated saving ≈ ${formatBytes(bytes)} (an estimate from measured examples)` : '';
  return `Dockerfile Slim: ${parts.join(', ')}${saving}.`;
}

/** "Show estimated savings": the numbers, nothing changed. */
export async function estimateSavings(args: unknown[], deps: Omit<SlimDeps, 'applyEdit'>): Promise<SavingsResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const s = savingsSummary(lint(doc.getText(), engineConfig(uri, settings)));
  const total = s.safe + s.unsafe + s.manual;
  const message =
    total === 0
      ? 'Dockerfile Slim: no finding in this file carries a size estimate.'
      : `Dockerfile Slim: estimated saving ≈ ${formatBytes(total)} (an estimate): ≈ ${formatBytes(s.safe)} from safe fixes, ≈ ${formatBytes(s.unsafe)} from unsafe fixes, ≈ ${formatBytes(s.manual)} from manual changes.`;
  return { ...s, message };
}
