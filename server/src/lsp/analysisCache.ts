import { analyze, INTERNAL_ERROR, type Analysis, type BuildContextInfo, type DockerfileModel, type EngineConfig } from '../engine/index.js';
import { describe } from './settings.js';

interface Entry {
  text: string;
  config: EngineConfig;
  analysis: Analysis;
}

/**
 * The latest analysis of the most recently linted documents. Diagnostics, hover and code actions for a
 * document whose text, rule levels and build context are those of its last analysis reuse it instead of
 * linting again: hovering, moving the cursor (code actions) and re-opening cost no lint. Only the `capacity`
 * most recently used documents keep theirs, since an analysis holds the document's whole model. A new version
 * of a document is linted with the model of the last one, so that its unchanged instructions are not parsed
 * again (the engine's incremental parse; the findings are those of a lint from scratch).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly capacity = 8,
  ) {}

  /** The analysis of `text` under `config`: the cached one when nothing it depends on changed. */
  analyze(uri: string, text: string, config: EngineConfig): Analysis {
    const hit = this.entries.get(uri);
    if (hit) this.entries.delete(uri);
    const entry = hit && hit.text === text && sameConfig(hit.config, config) ? hit : { text, config, analysis: analyzeDocument(text, config, this.log, hit?.analysis.model) };
    // Most recently used last; the first key is the one to drop.
    this.entries.set(uri, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry.analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

function sameConfig(a: EngineConfig, b: EngineConfig): boolean {
  return sameLevels(a.rules, b.rules) && sameContext(a.context, b.context);
}

function sameLevels(a: EngineConfig['rules'], b: EngineConfig['rules']): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameContext(a: BuildContextInfo, b: BuildContextInfo): boolean {
  return a.dockerignore === b.dockerignore && a.dockerignorePath === b.dockerignorePath && a.hasPackageJson === b.hasPackageJson && a.hasGitDir === b.hasGitDir && a.goMod === b.goMod && a.cargoToml === b.cargoToml && JSON.stringify(a.packageScripts) === JSON.stringify(b.packageScripts);
}

/**
 * Lints a document's text (given the model of its last version, if any); an exception anywhere in the engine
 * becomes one `internal-error` finding.
 */
export function analyzeDocument(text: string, config: EngineConfig, log: (message: string) => void, previous?: DockerfileModel | null): Analysis {
  try {
    return analyze(text, config, undefined, previous);
  } catch (error) {
    log(`Linting failed: ${describe(error)}`);
    const detail = error instanceof Error ? error.message : String(error);
    return {
      model: null,
      findings: [
        {
          ruleId: INTERNAL_ERROR,
          severity: 'error',
          message: `Dockerfile Slim failed on this file: ${detail}. Please report this with the Dockerfile.`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          fixes: [],
        },
      ],
    };
  }
}
