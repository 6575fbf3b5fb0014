import { DiagnosticSeverity, type CancellationToken, type CodeLens, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatMeasured, lint, wasteSentence, type MeasureReport, type MeasuredStep } from '../engine/index.js';
import { BuildError } from '../node/builder.js';
import { measureDockerfile, NoBuilderError } from '../node/measure.js';
import { bt } from './buildMessages.js';
import { isDockerfileUri } from './diagnostics.js';
import { serverLocale } from './messages.js';
import { DIAGNOSTIC_SOURCE, LAYER_WASTE, Notifications, type MeasureRequestOptions, type MeasureResult } from './protocol.js';
import { describe, engineConfig, filePath, type SettingsStore } from './settings.js';

export interface Measured {
  /** The document version that was built: the figures are shown only while the text is that version. */
  version: number;
  report: MeasureReport;
  builder: string;
}

/** The last measurement of each document, shown until its text changes. */
export class MeasureStore {
  private readonly byUri = new Map<string, Measured>();

  set(uri: string, measured: Measured): void {
    this.byUri.set(uri, measured);
  }

  /** The measurement of this exact version, if any. */
  get(uri: string, version: number): Measured | undefined {
    const m = this.byUri.get(uri);
    return m && m.version === version ? m : undefined;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}

export interface MeasureDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  ready: Promise<void>;
  store: MeasureStore;
  notify(method: string, params: unknown): void;
  /** The measurement changed: publish the document's diagnostics again and refresh the code lenses. */
  changed(uri: string): void;
  log(message: string): void;
}

/**
 * "Measure image": builds the editor's text (saved or not) with the Dockerfile's folder as the context,
 * streams the build log, and keeps the report for the diagnostics and code lenses. The builder's image is
 * removed afterwards by `measureDockerfile`. Cancelling the request stops the build.
 */
export async function measureDocument(args: unknown[], deps: MeasureDeps, token?: CancellationToken): Promise<MeasureResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as MeasureRequestOptions;
  const path = filePath(uri);
  if (path === null) return { ok: false, message: bt('notOnDiskMeasure') };
  await deps.ready;
  const settings = await deps.settings.get(uri);
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const text = doc.getText();
  const version = doc.version;
  const controller = new AbortController();
  const cancel = token?.onCancellationRequested(() => controller.abort());
  try {
    const findings = lint(text, engineConfig(uri, settings));
    const m = await measureDockerfile(path, text, {
      builders: stringList(options.builders),
      flags: stringList(options.buildFlags),
      findings,
      text,
      locale: serverLocale(),
      signal: controller.signal,
      onLog: (chunk) => deps.notify(Notifications.buildLog, { uri, text: chunk }),
      onProgress: (message) => deps.notify(Notifications.measureProgress, { uri, message }),
    });
    deps.store.set(uri, { version, report: m.report, builder: m.builder.name });
    deps.changed(uri);
    const r = m.report;
    return { ok: true, builder: m.builder.name, layerBytes: r.layerBytes, wastedBytes: r.wastedBytes, message: measuredMessage(m.builder.name, m.buildSeconds, r) };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, message: bt('measureCancelled') };
    if (error instanceof NoBuilderError) return { ok: false, message: bt('prefixed', { message: error.text(serverLocale()) }) };
    if (error instanceof BuildError) return { ok: false, message: bt('buildFailed', { error: error.step(serverLocale()) }) };
    deps.log(`Measuring ${uri} failed: ${describe(error)}`);
    return { ok: false, message: bt('measureFailed', { error: describe(error) }) };
  } finally {
    cancel?.dispose();
  }
}

/** The one-line result of "Measure image", in the display language. */
export function measuredMessage(builder: string, buildSeconds: number, r: MeasureReport): string {
  const size = formatMeasured(r.wastedBytes);
  const waste = r.wastedBytes === 0 ? bt('wasteNone') : r.links.length === 1 ? bt('wasteOne', { size }) : bt('wasteMany', { size, n: r.links.length });
  return bt('measured', { builder, seconds: Math.round(buildSeconds), size: formatMeasured(r.layerBytes), waste });
}

/** The strings of a setting's array value (anything else: undefined, so the default applies). */
export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : undefined;
}

/** One `layer-waste` warning on each of the two lines of each waste link, each pointing at the other. */
export function wasteDiagnostics(uri: string, m: Measured): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const link of m.report.links) {
    const producer = m.report.steps[link.producer]!;
    const hider = m.report.steps[link.hider]!;
    const message = bt('measuredWaste', { sentence: wasteSentence(m.report, link, 3, serverLocale()) });
    out.push(
      {
        range: producer.range,
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: LAYER_WASTE,
        message,
        relatedInformation: [{ location: { uri, range: hider.range }, message: bt(link.kind === 'deleted' ? 'deletedHere' : 'replacedHere') }],
      },
      {
        range: hider.range,
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: LAYER_WASTE,
        message,
        relatedInformation: [{ location: { uri, range: producer.range }, message: bt('storedHere') }],
      },
    );
  }
  return out;
}

/** The measured size above each instruction that made a layer (and the stage total above its FROM). */
export function measuredLenses(m: Measured): CodeLens[] {
  const r = m.report;
  const added = r.steps.filter((s) => s.kind === 'instruction').reduce((sum, s) => sum + s.bytes, 0);
  const lenses: CodeLens[] = [];
  for (const step of r.steps) {
    const title = step.kind === 'base' ? baseTitle(step, r, added, m.builder) : stepTitle(step);
    if (title) lenses.push({ range: { start: step.range.start, end: step.range.start }, command: { title, command: '' } });
  }
  return lenses;
}

function baseTitle(step: MeasuredStep, r: MeasureReport, added: number, builder: string): string {
  let title = bt('lensBase', { builder, base: formatMeasured(step.bytes), total: formatMeasured(r.layerBytes), added: formatMeasured(added) });
  if (r.wastedBytes > 0) title += bt('lensWasted', { size: formatMeasured(r.wastedBytes) });
  if (step.wastedBytes > 0) title += bt('lensBaseHidden', { size: formatMeasured(step.wastedBytes) });
  return title;
}

function stepTitle(step: MeasuredStep): string | null {
  if (step.layers.length === 0 && step.estimates.length === 0) return null;
  const parts = [step.layers.length === 0 ? bt('lensNoLayer') : bt('lensSize', { size: formatMeasured(step.bytes) })];
  if (step.wastedBytes > 0) parts.push(bt('lensHiddenLater', { size: formatMeasured(step.wastedBytes) }));
  if (step.hidesBytes > 0) parts.push(bt('lensHides', { size: formatMeasured(step.hidesBytes) }));
  for (const e of step.estimates) parts.push(bt('lensEstimate', { size: formatMeasured(e.bytes), rule: e.ruleId }));
  return parts.join(' · ');
}
