/**
 * The Dockerfile Slim engine: text in, findings and fixes out. It never touches the editor, the file system
 * or the network; adapters (language server, CLI) provide what it needs, including the parser's WASM bytes.
 */
import { clearShellCache, initShellParser } from './model/shell.js';
import { forgetInstalledPackages } from './catalog/debianPackages.js';

export type { EngineConfig } from './config.js';
export { configSchema, LEVELS, normalizeConfig, type SchemaRule } from './config.js';
export { docsUrl, DOCS_BASE } from './defineRule.js';
export { ruleText, type RuleText } from './ruleMeta.js';
export { contextAfterFileEdits, isIgnored, parseDockerignore } from './dockerignore.js';
export { ignoreListEnd } from './ignore.js';
export { lineHunks, unifiedDiff, type LineHunk } from './diff.js';
export { applyEdits, applyFixes, chosenFix, fix, minimalEdit, type AppliedFix, type FixOptions, type FixResult } from './fixer.js';
export { hoverAt, type Hover } from './hover.js';
export { catalogOf, localTexts, LOCALES, resolveLocale, translator, type Catalog, type Locale, type Translate } from './i18n/locale.js';
export { analyze, FILE_TOO_LARGE, formatBytes, INTERNAL_ERROR, lint, MAX_TEXT_LENGTH, SCRIPT_TOO_LONG, type Analysis } from './linter.js';
export { MAX_SCRIPT_LENGTH, ShellParserNotReady } from './model/shell.js';
export * from './measure/report.js';
export { contentBytes, hiddenCopies, normalizeLayerPath, type HiddenCopy, type LayerEntry, type LayerFiles, type WasteKind } from './measure/waste.js';
export type { DockerfileModel, Inst, Stage } from './model/model.js';
export { allRules } from './rules/index.js';
export { appliedChanges, applyChanges, SAFE_GROUP, savingsSummary, slimPlan, sumEstimates, type SavingsPart, type SlimChange, type SlimFix, type SlimGroup, type SlimPlan } from './slim.js';
export { sizeHints, type SizeHint } from './sizeHints.js';
export { LineTable, plainMessage } from './text.js';
export { EstimateTally, totalEstimate } from './catalog/units.js';
export type * from './types.js';

/**
 * Loads the shell grammar; call once before `lint`/`fix`. (Or lint first and call it when `lint` throws
 * `ShellParserNotReady`: most Dockerfiles' scripts never need the grammar.)
 */
export async function initEngine(wasm: { runtime: Uint8Array; bash: Uint8Array }): Promise<void> {
  await initShellParser(wasm);
}

/** Forgets the parses the engine caches between calls, so that the next lint does all its work again. */
export function resetCaches(): void {
  clearShellCache();
  forgetInstalledPackages();
}
