/**
 * From a built image (its history and its layers' file lists) back to the Dockerfile lines that made it.
 * Pure: the adapter builds, exports and reads the tarballs; this file maps and counts.
 */
import type { Range } from 'vscode-languageserver-types';
import { buildModel, type Inst, type Stage } from '../model/model.js';
import type { Finding } from '../types.js';
import { translator, type Locale } from '../i18n/locale.js';
import { MEASURE_MESSAGES } from './messages.js';
import { hiddenCopies, type LayerFiles, type WasteKind } from './waste.js';

/** One entry of the image config's `history`. */
export interface ImageHistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
}

/** One layer as the adapter read it: its uncompressed tar bytes and its entries. */
export interface ImageLayerFiles extends LayerFiles {
  bytes: number;
}

export interface BuiltImage {
  history: readonly ImageHistoryEntry[];
  layers: readonly ImageLayerFiles[];
  /** The builder's own figure for the image (`podman image inspect --format {{.Size}}`), when it gives one. */
  imageBytes: number | null;
}

export interface StepEstimate {
  ruleId: string;
  bytes: number;
  basis: string;
}

/** What one Dockerfile instruction (or the base image, as its FROM) put in the image. */
export interface MeasuredStep {
  /** `base`: the layers of the image named in the first FROM of the stage chain. */
  kind: 'base' | 'instruction';
  keyword: string;
  range: Range;
  /** The history entry's `created_by` (the base: the number of its history entries). */
  createdBy: string;
  /** Indices into the image's layers; empty for metadata-only instructions (ENV, CMD…). */
  layers: number[];
  /** Uncompressed tar bytes of its layers. */
  bytes: number;
  /** Of its bytes, those a later step hides (deletes or replaces). */
  wastedBytes: number;
  /** Bytes of earlier steps that this step hides: still stored, below it. */
  hidesBytes: number;
  /** The static rules' estimates on this instruction's lines, to show beside the measured figure. */
  estimates: StepEstimate[];
}

export interface WastePath {
  path: string;
  bytes: number;
}

/** Bytes one step stored and a later step hid, with the top paths. */
export interface WasteLink {
  /** Indices into `steps`. */
  producer: number;
  hider: number;
  kind: WasteKind;
  bytes: number;
  pathCount: number;
  /** Largest first, at most `TOP_PATHS`. */
  paths: WastePath[];
}

export interface MeasureReport {
  /** The stage that was built (the last one unless a target was named). */
  stage: { index: number; name: string | null; range: Range };
  steps: MeasuredStep[];
  /** Sum of the layers' uncompressed tar bytes. */
  layerBytes: number;
  imageBytes: number | null;
  /** Every hidden copy counted once. */
  wastedBytes: number;
  links: WasteLink[];
  /** The paths with the most hidden bytes (all copies of a path together), largest first. */
  topPaths: WastePath[];
  /** Things that did not line up (history vs layers vs instructions), in words. */
  notes: string[];
}

export const TOP_PATHS = 10;

/** The instruction keyword a history entry's `created_by` names (buildah/podman, Docker classic, BuildKit). */
export function historyKeyword(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /#\(nop\)\s+([A-Za-z]+)/.exec(text);
  if (nop) return nop[1]!.toUpperCase();
  const lead = /^([A-Z]+)\s/.exec(text);
  if (lead && KEYWORDS.has(lead[1]!)) return lead[1]!;
  return 'RUN';
}

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD',
  'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** The stages whose instructions end up in the target's history, first (the one FROM an image) to target. */
function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.parent) chain.unshift(s);
  return chain;
}

/**
 * Pairs history entries with instructions from the end: the image's own history ends with the Dockerfile's
 * instructions, in order; what is left at the front is the base image. An entry whose keyword does not
 * match is skipped when no instruction further up has it (the builder added it), otherwise the instructions
 * in between made no entry.
 */
export function alignHistory(history: readonly ImageHistoryEntry[], insts: readonly { keyword: string }[]): { pairs: Map<number, number>; baseEnd: number } {
  const pairs = new Map<number, number>();
  let h = history.length - 1;
  let i = insts.length - 1;
  while (h >= 0 && i >= 0) {
    const keyword = historyKeyword(history[h]!.createdBy);
    if (keyword === insts[i]!.keyword) {
      pairs.set(h, i);
      h--;
      i--;
      continue;
    }
    let j = i - 1;
    while (j >= 0 && insts[j]!.keyword !== keyword) j--;
    if (j < 0) h--;
    else i = j;
  }
  return { pairs, baseEnd: i < 0 ? h + 1 : 0 };
}

/**
 * Maps each layer to the instruction that made it and counts the waste. `target` names the stage that was
 * built (default: the last); `findings` (from `analyze`) supply the static estimates shown beside each step.
 */
export function measureReport(text: string, image: BuiltImage, options: { target?: string; findings?: readonly Finding[] } = {}): MeasureReport {
  const model = buildModel(text);
  const notes: string[] = [];
  const target = options.target?.toLowerCase();
  const stage = (target ? model.stages.find((s) => s.name === target || String(s.index) === target) : model.stages[model.stages.length - 1]) ?? null;
  if (!stage) throw new Error(target ? `no stage named "${options.target}"` : 'the Dockerfile has no FROM');
  const chain = stageChain(stage);
  const insts: Inst[] = chain.flatMap((s) => s.instructions.filter((inst) => !inst.onbuild));

  // Layers in order belong to the history entries that are not empty_layer, in order.
  const layerOf = new Map<number, number>();
  const withLayer = image.history.map((e, index) => ({ e, index })).filter(({ e }) => !e.emptyLayer);
  if (withLayer.length !== image.layers.length) {
    notes.push(`the image has ${image.layers.length} layers but ${withLayer.length} history entries with a layer; matched from the top`);
  }
  for (let k = 1; k <= Math.min(withLayer.length, image.layers.length); k++) {
    layerOf.set(withLayer[withLayer.length - k]!.index, image.layers.length - k);
  }

  const { pairs, baseEnd } = alignHistory(image.history, insts);
  const root = chain[0]!;
  const steps: MeasuredStep[] = [];
  const stepOfLayer = new Array<number>(image.layers.length).fill(0);
  const base: MeasuredStep = {
    kind: 'base',
    keyword: 'FROM',
    range: root.fromInst.range,
    createdBy: `${baseEnd} history entries of ${root.imageText || 'the base image'}`,
    layers: [],
    bytes: 0,
    wastedBytes: 0,
    hidesBytes: 0,
    estimates: [],
  };
  steps.push(base);
  // Layers below the first paired entry (and any layer the alignment could not place) count as the base's.
  const stepOfInst = new Map<number, number>();
  image.history.forEach((entry, h) => {
    const instIndex = pairs.get(h);
    let stepIndex = 0;
    if (instIndex !== undefined) {
      const inst = insts[instIndex]!;
      stepIndex = steps.length;
      stepOfInst.set(instIndex, stepIndex);
      steps.push({
        kind: 'instruction',
        keyword: inst.keyword,
        range: inst.range,
        createdBy: entry.createdBy,
        layers: [],
        bytes: 0,
        wastedBytes: 0,
        hidesBytes: 0,
        estimates: [],
      });
    } else if (h >= baseEnd) {
      notes.push(`history entry ${h + 1} ("${entry.createdBy.slice(0, 60)}") matches no instruction; counted with the base image`);
    }
    const layer = layerOf.get(h);
    if (layer !== undefined) {
      steps[stepIndex]!.layers.push(layer);
      steps[stepIndex]!.bytes += image.layers[layer]!.bytes;
      stepOfLayer[layer] = stepIndex;
    }
  });
  const unmatched = insts.filter((_, index) => !stepOfInst.has(index) && insts[index]!.keyword !== 'ARG');
  if (unmatched.length > 0) {
    notes.push(`${unmatched.length} instruction(s) have no history entry: ${unmatched.map((i) => `${i.keyword} (line ${i.range.start.line + 1})`).join(', ')}`);
  }

  // Waste: every hidden copy once, grouped by (producer step, hider step, kind).
  const copies = hiddenCopies(image.layers);
  const linkMap = new Map<string, { link: WasteLink; byPath: Map<string, number> }>();
  const byPath = new Map<string, number>();
  let wastedBytes = 0;
  for (const copy of copies) {
    const producer = stepOfLayer[copy.producer] ?? 0;
    const hider = stepOfLayer[copy.hider] ?? 0;
    wastedBytes += copy.bytes;
    steps[producer]!.wastedBytes += copy.bytes;
    steps[hider]!.hidesBytes += copy.bytes;
    byPath.set(copy.path, (byPath.get(copy.path) ?? 0) + copy.bytes);
    const key = `${producer}:${hider}:${copy.kind}`;
    let entry = linkMap.get(key);
    if (!entry) {
      entry = { link: { producer, hider, kind: copy.kind, bytes: 0, pathCount: 0, paths: [] }, byPath: new Map() };
      linkMap.set(key, entry);
    }
    entry.link.bytes += copy.bytes;
    entry.byPath.set(copy.path, (entry.byPath.get(copy.path) ?? 0) + copy.bytes);
  }
  const links = [...linkMap.values()].map(({ link, byPath: paths }) => ({ ...link, pathCount: paths.size, paths: topOf(paths) }));
  links.sort((a, b) => b.bytes - a.bytes || a.producer - b.producer || a.hider - b.hider);

  for (const finding of options.findings ?? []) {
    if (!finding.estimate) continue;
    const step = steps.find((s) => s.kind === 'instruction' && s.range.start.line <= finding.range.start.line && finding.range.start.line <= s.range.end.line);
    step?.estimates.push({ ruleId: finding.ruleId, bytes: finding.estimate.bytes, basis: finding.estimate.basis });
  }

  const layerBytes = image.layers.reduce((sum, l) => sum + l.bytes, 0);
  return {
    stage: { index: stage.index, name: stage.name, range: stage.fromInst.range },
    steps,
    layerBytes,
    imageBytes: image.imageBytes,
    wastedBytes,
    links,
    topPaths: topOf(byPath),
    notes,
  };
}

function topOf(paths: Map<string, number>): WastePath[] {
  return [...paths]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1))
    .slice(0, TOP_PATHS);
}

/** A measured size, with one decimal (measured figures deserve more than the estimates' rounding). */
export function formatMeasured(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** `line 3 (RUN)`, or `the base image (FROM, line 1)` for the base step (or in Chinese). */
export function stepLabel(step: MeasuredStep, locale: Locale = 'en'): string {
  const t = translator(MEASURE_MESSAGES, locale);
  return step.kind === 'base' ? t('stepBase', { line: step.range.start.line + 1 }) : t('stepLine', { line: step.range.start.line + 1, keyword: step.keyword });
}

/** One sentence for a waste link, naming both steps and the top paths; `shownPaths` caps the list. */
export function wasteSentence(report: MeasureReport, link: WasteLink, shownPaths = 3, locale: Locale = 'en'): string {
  const t = translator(MEASURE_MESSAGES, locale);
  const producer = report.steps[link.producer]!;
  const hider = report.steps[link.hider]!;
  const paths = link.paths.slice(0, shownPaths).map((p) => t('path', { path: p.path, size: formatMeasured(p.bytes) }));
  const more = link.pathCount - paths.length;
  const key = `${link.kind === 'deleted' ? 'deleted' : 'replaced'}${link.pathCount === 1 ? 'One' : 'Many'}` as const;
  return t(key, {
    bytes: formatMeasured(link.bytes),
    hider: stepLabel(hider, locale),
    producer: stepLabel(producer, locale),
    count: link.pathCount,
    paths: paths.join(t('pathJoin')),
    more: more > 0 ? t('more', { n: more }) : '',
  });
}
