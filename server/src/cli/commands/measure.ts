import { analyze, formatMeasured, wasteSentence, type MeasureReport } from '../../engine/index.js';
import { BuildError } from '../../node/builder.js';
import { loadEngine } from '../../node/loadEngine.js';
import { measureDockerfile, NoBuilderError, type Measurement } from '../../node/measure.js';
import { choice, parseArgs, UsageError } from '../args.js';
import { Output, Reporter } from '../output.js';
import { cliLang, ct, usage } from '../messages.js';
import { CONFIG_OPTIONS, FileLoader } from './common.js';

/** `--max-waste`: bytes (`20MB`, `512kB`, `1000`) or a share of the image (`5%`). */
export type WasteLimit = { bytes: number } | { percent: number };

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

export function parseWasteLimit(text: string): WasteLimit {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|[kmg]i?b|b)?\s*$/i.exec(text);
  if (!m) throw new UsageError(ct('maxWasteBad', { text }));
  const value = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === '%') {
    if (value > 100) throw new UsageError(ct('maxWastePercent', { text }));
    return { percent: value };
  }
  return { bytes: Math.round(value * UNITS[unit]!) };
}

export function wastePercent(report: MeasureReport): number {
  return report.layerBytes > 0 ? (100 * report.wastedBytes) / report.layerBytes : 0;
}

export function overLimit(report: MeasureReport, limit: WasteLimit): boolean {
  return 'bytes' in limit ? report.wastedBytes > limit.bytes : wastePercent(report) > limit.percent;
}

/** `measure PATH`: build the Dockerfile, measure each instruction's layer and the waste, print it. */
export async function runMeasure(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, {
    ...CONFIG_OPTIONS,
    format: { value: true },
    builder: { value: true, repeat: true },
    'build-flag': { value: true, repeat: true },
    context: { value: true },
    target: { value: true },
    'max-waste': { value: true },
  });
  if (parsed.flags.has('help')) {
    process.stdout.write(usage('measure'));
    return 0;
  }
  const format = choice(parsed, 'format', ['text', 'json'] as const, 'text');
  const limitText = parsed.values.get('max-waste')?.[0];
  const limit = limitText === undefined ? null : parseWasteLimit(limitText);
  if (parsed.positionals.length !== 1) throw new UsageError(ct('measureOnePath'));
  const path = parsed.positionals[0]!;
  const reporter = new Reporter(parsed.flags.has('debug'));
  const loaded = new FileLoader(parsed, reporter).load(path);
  if (!loaded) return 2;
  await loadEngine();
  const findings = analyze(loaded.source.text, loaded.config).findings;

  const tty = process.stderr.isTTY === true;
  let phase = '';
  const started = Date.now();
  const showProgress = () => process.stderr.write(`\r\x1b[K${phase}… ${Math.round((Date.now() - started) / 1000)} s`);
  const timer = tty ? setInterval(showProgress, 1000) : null;
  let measurement: Measurement;
  try {
    measurement = await measureDockerfile(path, loaded.source.text, {
      builders: parsed.values.get('builder'),
      flags: parsed.values.get('build-flag'),
      context: parsed.values.get('context')?.[0],
      target: parsed.values.get('target')?.[0],
      findings,
      locale: cliLang(),
      onProgress: (p) => {
        phase = p;
        if (tty) showProgress();
        else reporter.trace(p);
      },
      onLog: parsed.flags.has('debug') ? (text) => process.stderr.write(text) : undefined,
    });
  } catch (error) {
    if (error instanceof NoBuilderError || error instanceof BuildError) {
      reporter.error(ct('pathProblem', { path, problem: error instanceof NoBuilderError ? error.text(cliLang()) : error.message }), error);
      if (error instanceof BuildError && !parsed.flags.has('debug')) reporter.note(error.log.trim().split('\n').slice(-15).join('\n'));
      return 2;
    }
    throw error;
  } finally {
    if (timer) clearInterval(timer);
    if (tty) process.stderr.write('\r\x1b[K');
  }

  const out = new Output(process.stdout);
  const lines = loaded.source.text.split(/\r\n|\r|\n/);
  await out.write(format === 'json' ? `${JSON.stringify(measureJson(path, measurement, lines, limit), null, 2)}\n` : measureText(path, measurement, lines));
  if (limit && overLimit(measurement.report, limit)) {
    reporter.note(ct('overMaxWaste', { path, size: formatMeasured(measurement.report.wastedBytes), percent: wastePercent(measurement.report).toFixed(1), limit: limitText ?? '' }));
    return 1;
  }
  return 0;
}

function instructionText(lines: readonly string[], line: number, width: number): string {
  const text = (lines[line] ?? '').trim().replace(/\s*\\$/, ' …');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function measureText(path: string, m: Measurement, lines: readonly string[]): string {
  const r = m.report;
  let out = ct('builtWith', { path, builder: m.builder.name, seconds: m.buildSeconds.toFixed(1), size: formatMeasured(r.layerBytes) });
  if (r.imageBytes !== null) {
    const diff = r.imageBytes > 0 ? (100 * Math.abs(r.layerBytes - r.imageBytes)) / r.imageBytes : 0;
    out += ct('inspected', { tool: m.builder.name === 'buildah' ? 'podman' : m.builder.name, size: formatMeasured(r.imageBytes), diff: diff.toFixed(2) });
  }
  out += `\n${padStart(ct('colLine'), 6)}  ${padEnd(ct('colInstruction'), 48)} ${padStart(ct('colSize'), 9)} ${padStart(ct('colWasted'), 9)}  ${ct('colNotes')}\n`;
  for (const [index, step] of r.steps.entries()) {
    const notes: string[] = [];
    for (const link of r.links) {
      if (link.producer === index) notes.push(ct('hiddenBy', { size: formatMeasured(link.bytes), kind: ct(link.kind === 'deleted' ? 'kindDeleted' : 'kindOverwritten'), line: r.steps[link.hider]!.range.start.line + 1 }));
      if (link.hider === index) {
        const producer = r.steps[link.producer]!;
        notes.push(producer.kind === 'base' ? ct('hidesBase', { size: formatMeasured(link.bytes) }) : ct('hidesLine', { size: formatMeasured(link.bytes), line: producer.range.start.line + 1 }));
      }
    }
    for (const e of step.estimates) notes.push(ct('estimateNote', { rule: e.ruleId, size: formatMeasured(e.bytes) }));
    const size = step.layers.length === 0 ? '-' : formatMeasured(step.bytes);
    const wasted = step.wastedBytes > 0 ? formatMeasured(step.wastedBytes) : '';
    out += `${`${String(step.range.start.line + 1).padStart(6)}  ${instructionText(lines, step.range.start.line, 48).padEnd(48)} ${size.padStart(9)} ${wasted.padStart(9)}  ${notes.join(ct('notesJoin'))}`.trimEnd()}\n`;
  }
  const added = r.steps.filter((s) => s.kind === 'instruction').reduce((sum, s) => sum + s.bytes, 0);
  out += `${ct('stageTotal', { stage: r.stage.name ?? r.stage.index, total: formatMeasured(r.layerBytes), base: formatMeasured(r.steps[0]!.bytes), added: formatMeasured(added) })}\n`;
  out += `${ct('wastedTotal', { size: formatMeasured(r.wastedBytes), percent: wastePercent(r).toFixed(1) })}\n`;
  for (const link of r.links) out += `  ${wasteSentence(r, link, 5, cliLang())}\n`;
  for (const note of r.notes) out += `${ct('noteLine', { note })}\n`;
  return out;
}

/** Columns of a terminal: CJK characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padStart = (text: string, columns: number): string => ' '.repeat(Math.max(0, columns - width(text))) + text;
const padEnd = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - width(text)));

export function measureJson(path: string, m: Measurement, lines: readonly string[], limit: WasteLimit | null): unknown {
  const r = m.report;
  return {
    file: path,
    builder: m.builder.name,
    buildSeconds: Math.round(m.buildSeconds * 10) / 10,
    stage: { index: r.stage.index, name: r.stage.name, line: r.stage.range.start.line + 1 },
    layerBytes: r.layerBytes,
    imageBytes: r.imageBytes,
    wastedBytes: r.wastedBytes,
    wastedPercent: Math.round(wastePercent(r) * 100) / 100,
    overMaxWaste: limit ? overLimit(r, limit) : null,
    steps: r.steps.map((s) => ({
      kind: s.kind,
      keyword: s.keyword,
      line: s.range.start.line + 1,
      endLine: s.range.end.line + 1,
      instruction: instructionText(lines, s.range.start.line, 200),
      createdBy: s.createdBy,
      layers: s.layers,
      bytes: s.bytes,
      wastedBytes: s.wastedBytes,
      hidesBytes: s.hidesBytes,
      estimates: s.estimates,
    })),
    waste: r.links.map((l) => ({
      kind: l.kind,
      bytes: l.bytes,
      storedBy: { step: l.producer, line: r.steps[l.producer]!.range.start.line + 1 },
      hiddenBy: { step: l.hider, line: r.steps[l.hider]!.range.start.line + 1 },
      pathCount: l.pathCount,
      paths: l.paths,
      message: wasteSentence(r, l),
    })),
    topPaths: r.topPaths,
    notes: r.notes,
  };
}
