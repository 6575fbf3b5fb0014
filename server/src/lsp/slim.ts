import type { AnnotatedTextEdit, ChangeAnnotation, TextDocuments, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  appliedChanges,
  chosenFix,
  EstimateTally,
  fix,
  formatBytes,
  lint,
  minimalEdit,
  plainMessage,
  SAFE_GROUP,
  savingsSummary,
  slimPlan,
  type Finding,
  type SavingsPart,
  type SlimGroup,
  type SlimPlan,
} from '../engine/index.js';
import type { ClientFeatures } from './capabilities.js';
import { isDockerfileUri } from './diagnostics.js';
import type { RemainingFinding, SavingsResult, SlimOptions, SlimResult } from './protocol.js';
import { lt } from './messages.js';
import { engineConfig, type SettingsStore } from './settings.js';

export interface SlimDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  features(): ClientFeatures;
  ready: Promise<void>;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  /** Milliseconds to wait for the client to report an applied edit's text (default 3000). */
  syncTimeoutMs?: number;
}

/** What was applied, counted as the notification reports it. */
interface Tally {
  safe: number;
  unsafe: number;
  bytes: number;
  estimated: number;
  /** Counts each figure once (the engine's rule for totals). */
  figures: EstimateTally;
}

/**
 * "Slim this Dockerfile": one workspace edit with the plan's groups. The safe group's changes are annotated as
 * not needing confirmation (pre-ticked in VS Code's refactor preview); each unsafe group is one edit with an
 * annotation of its own that needs confirmation (unticked), so it is taken whole or not at all. After the
 * client applies it, the server reads back which changes the document shows, applies the safe fixes an
 * unticked unsafe group carried (when the safe group was taken), and reports exactly that.
 */
export async function slimDocument(args: unknown[], deps: SlimDeps): Promise<SlimResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as SlimOptions;
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const config = engineConfig(uri, settings);
  const features = deps.features();
  const canReview = features.changeAnnotations && features.documentChanges;
  const requested = options.unsafe ?? 'review';
  // A client that cannot preview gets the safe fixes only: unsafe ones are never applied unseen.
  const mode = requested === 'review' && !canReview ? 'skip' : requested;
  const text = doc.getText();
  // The document object is updated in place as changes arrive: keep the version the plan was made for.
  const version = doc.version;
  const plan = slimPlan(text, config);
  const tally: Tally = { safe: 0, unsafe: 0, bytes: 0, estimated: 0, figures: new EstimateTally() };
  const done = (after: string, applied: boolean): SlimResult => report(after, applied, tally, plan, config, mode !== requested);

  if (mode === 'apply') {
    // Everything, with no preview: what `dockerfile-slim fix --unsafe` does (round after round, to a fixed point).
    const all = fix(text, config, { unsafe: true, filter: (f) => !chosenFix(f, true)?.fileEdits?.length });
    const edit = minimalEdit(text, all.text);
    if (!edit || !features.applyEdit) return done(text, false);
    if (!(await deps.applyEdit('Slim this Dockerfile', documentEdit(uri, version, [edit], features)))) return done(text, false);
    const after = await textAfter(deps, uri, version, all.text);
    if (after === all.text) count(tally, all.applied);
    return done(after, after !== text);
  }
  if (mode === 'skip') {
    const edit = minimalEdit(text, plan.safeText);
    if (!edit || !features.applyEdit) return done(text, false);
    if (!(await deps.applyEdit('Slim this Dockerfile', documentEdit(uri, version, [edit], features)))) return done(text, false);
    const after = await textAfter(deps, uri, version, plan.safeText);
    if (after === plan.safeText) count(tally, plan.groups.filter((g) => g.safety === 'safe').flatMap((g) => g.fixes), plan.groups.filter((g) => g.safety === 'unsafe').flatMap((g) => g.fixes.filter((f) => f.safety === 'safe')));
    return done(after, after !== text);
  }
  if (plan.changes.length === 0 || !features.applyEdit) return done(text, false);

  const annotations: Record<string, ChangeAnnotation> = {};
  const labels = new Set<string>();
  for (const g of plan.groups) {
    let label = groupLabel(g);
    for (let n = 2; labels.has(label); n++) label = `${groupLabel(g)} (${n})`;
    labels.add(label);
    annotations[annotationId(g.id)] = {
      label,
      description: g.safety === 'safe' ? 'installed software and start-up unchanged' : 'may change what is installed or how it starts: review it',
      needsConfirmation: g.safety === 'unsafe',
    };
  }
  const edits: AnnotatedTextEdit[] = plan.changes.map((c) => ({ range: c.range, newText: c.newText, annotationId: annotationId(c.group) }));
  const edit: WorkspaceEdit = canReview
    ? { documentChanges: [{ textDocument: { uri, version }, edits }], changeAnnotations: annotations }
    : documentEdit(uri, version, edits.map(({ range, newText }) => ({ range, newText })), features);
  if (!(await deps.applyEdit('Slim this Dockerfile', edit))) return done(text, false);
  let after = await textAfter(deps, uri, version, null);
  const flags = appliedChanges(text, plan.changes, after);
  if (!flags) return done(after, after !== text);
  const taken = new Set(plan.changes.filter((_, i) => flags[i]).map((c) => c.group));
  for (const g of plan.groups) if (taken.has(g.id)) count(tally, g.fixes);
  // Safe fixes an unticked unsafe group carried: applied now, when the safe group was taken (or there was none).
  const safeTaken = plan.changes.every((c, i) => c.group !== SAFE_GROUP || flags[i]);
  const carriedLeft = plan.groups.some((g) => g.safety === 'unsafe' && g.absorbedSafe > 0 && !taken.has(g.id));
  if (safeTaken && carriedLeft) {
    const more = fix(after, config, { filter: (f) => !chosenFix(f, false)?.fileEdits?.length });
    const followUp = minimalEdit(after, more.text);
    const current = deps.documents.get(uri)?.version;
    if (followUp && current !== undefined && (await deps.applyEdit('Slim this Dockerfile: safe fixes', documentEdit(uri, current, [followUp], features)))) {
      const next = await textAfter(deps, uri, current, more.text);
      if (next === more.text) count(tally, more.applied);
      after = next;
    }
  }
  return done(after, after !== text);
}

function annotationId(group: string): string {
  return `dockerfile-slim.${group}`;
}

/** The preview's label of a group: what it does, its safety and its estimated saving. */
export function groupLabel(g: SlimGroup): string {
  const saving = g.estimatedBytes === null ? lt('savingNotEstimated') : lt('savingEst', { size: formatBytes(g.estimatedBytes) });
  if (g.safety === 'safe') return lt('groupSafe', { n: g.fixes.length, saving });
  const own = g.fixes.filter((f) => f.safety === 'unsafe');
  const carried = g.absorbedSafe > 0 ? lt(g.absorbedSafe === 1 ? 'groupCarriedOne' : 'groupCarriedMany', { n: g.absorbedSafe }) : '';
  // The preview shows labels as plain text: code spans become quotes.
  const titles = [...new Set(own.map((f) => plainMessage(f.title)))];
  // A fix title that already states its estimate ("… (≈ −662 kB est.)") is not followed by a second figure.
  const stated = titles.some((t) => /≈ [^()]*est\.\)|估计 −[^（）()]*[)）]/.test(t));
  return lt('groupUnsafe', { titles: titles.join(lt('resultJoin')), saving: stated ? '' : lt('groupSaving', { saving }), carried });
}

function count(tally: Tally, ...lists: { safety: 'safe' | 'unsafe'; estimate?: { bytes: number; id?: string; parts?: readonly { id: string; bytes: number }[] } }[][]): void {
  for (const list of lists) {
    for (const f of list) {
      if (f.safety === 'safe') tally.safe++;
      else tally.unsafe++;
      if (f.estimate) {
        tally.estimated++;
        tally.bytes += tally.figures.add(f.estimate);
      }
    }
  }
}

/** Edits to this document only: versioned when the client allows, so a stale edit is refused. */
function documentEdit(uri: string, version: number, edits: TextEdit[], features: ClientFeatures): WorkspaceEdit {
  if (features.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

/**
 * The document's text once the client has reported the applied edit: waits (up to the timeout) for a version
 * after `version`, or for `expected` when given. The client answers `workspace/applyEdit` before or after its
 * change notification, depending on the client.
 */
async function textAfter(deps: SlimDeps, uri: string, version: number, expected: string | null): Promise<string> {
  const deadline = Date.now() + (deps.syncTimeoutMs ?? 3000);
  for (;;) {
    const doc = deps.documents.get(uri);
    if (!doc) return '';
    if (doc.version > version || (expected !== null && doc.getText() === expected) || Date.now() >= deadline) return doc.getText();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** The result and its one-line message: what was applied, its estimated saving, what is left. */
function report(after: string, applied: boolean, tally: Tally, plan: SlimPlan, config: ReturnType<typeof engineConfig>, noPreview: boolean): SlimResult {
  const remaining = after === plan.slimText ? plan.remaining : lint(after, config);
  const left = { safe: 0, unsafe: 0, manual: 0 };
  for (const f of remaining) {
    const chosen = chosenFix(f, true);
    left[!chosen ? 'manual' : chosen.safety]++;
  }
  const parts: string[] = [];
  const what: string[] = [];
  if (tally.safe > 0) what.push(lt(tally.safe === 1 ? 'safeFixOne' : 'safeFixMany', { n: tally.safe }));
  if (tally.unsafe > 0) what.push(lt(tally.unsafe === 1 ? 'unsafeFixOne' : 'unsafeFixMany', { n: tally.unsafe }));
  if (what.length > 0) {
    const saving = tally.estimated > 0 ? lt('savingEst', { size: formatBytes(tally.bytes) }) : lt('resultSavingNone');
    parts.push(lt('resultApplied', { what: what.join(lt('resultAnd')), saving }));
  } else parts.push(lt(plan.changes.length === 0 && plan.safeText === after ? 'resultNothingAuto' : applied ? 'resultAppliedChanges' : 'resultNothingApplied'));
  const rest: string[] = [];
  const review = left.safe + left.unsafe;
  if (review > 0) rest.push(lt(review === 1 ? 'toReviewOne' : 'toReviewMany', { n: review }));
  if (left.manual > 0) rest.push(lt(left.manual === 1 ? 'byHandOne' : 'byHandMany', { n: left.manual }));
  if (rest.length > 0) parts.push(lt('resultLeft', { rest: rest.join(lt('resultListJoin')), note: noPreview && left.unsafe > 0 ? lt('resultNoPreview') : '' }));
  return {
    applied,
    safeFixes: tally.safe,
    unsafeFixes: tally.unsafe,
    estimatedBytes: tally.estimated > 0 ? tally.bytes : null,
    left,
    remaining: remaining.map(toRemaining),
    message: lt('resultLine', { parts: parts.join(lt('resultJoin')) }).replace(/\.\.$/, '.'),
  };
}

function toRemaining(f: Finding): RemainingFinding {
  const chosen = chosenFix(f, true);
  return { ruleId: f.ruleId, message: f.message, range: f.range, fix: chosen ? chosen.safety : 'none' };
}

/** "Show estimated savings": the numbers of the plan "Slim this Dockerfile" would offer, nothing changed. */
export async function estimateSavings(args: unknown[], deps: Omit<SlimDeps, 'applyEdit'>): Promise<SavingsResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const s = savingsSummary(slimPlan(doc.getText(), engineConfig(uri, settings)));
  const part = (p: SavingsPart, what: string): string | null =>
    p.count === 0
      ? null
      : lt('savingsPart', {
          what,
          value: p.estimated > 0 ? lt('savingsValue', { size: formatBytes(p.bytes) }) : lt('savingNotEstimated'),
          missing: p.estimated > 0 && p.estimated < p.count ? lt('savingsMissing', { missing: p.count - p.estimated, count: p.count }) : '',
        });
  const parts = [part(s.safe, lt('savingsSafe')), part(s.unsafe, lt('savingsUnsafe')), part(s.manual, lt('savingsManual'))].filter((p) => p !== null);
  // "… ≈ 20 MB est." ends the line with its own period.
  const message = parts.length === 0 ? lt('savingsNothing') : lt('resultLine', { parts: parts.join(lt('resultJoin')) }).replace(/\.\.$/, '.');
  return { safe: s.safe, unsafe: s.unsafe, manual: s.manual, message };
}
