import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { allRules, LEVELS, normalizeConfig, type EngineConfig, type RuleLevel } from '../engine/index.js';
import { BuildContextCache } from '../node/buildContext.js';
import { findProjectConfig, type ProjectConfig } from '../node/projectConfig.js';
import { validateSettingsFile } from '../node/validateConfig.js';
import { UsageError } from './args.js';
import { describeIoError, resolvedPath } from './discover.js';
import { ct } from './messages.js';

const ruleIds = allRules.map((r) => r.meta.id);

/** Rule levels from the command line: `--config <file>` first, then each `--rule <id>=<level>` on top. */
export function commandLineRules(configFile: string | undefined, ruleFlags: readonly string[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  if (configFile !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(configFile, 'utf8')) as unknown;
    } catch (error) {
      const reason = error instanceof SyntaxError ? ct('invalidJson', { message: error.message }) : describeIoError(error);
      throw new UsageError(ct('configFile', { file: configFile, reason }));
    }
    const invalid = validateSettingsFile(raw);
    if (invalid.length > 0) throw new UsageError(ct('configFile', { file: configFile, reason: invalid.join('; ') }));
    const { config, problems } = normalizeConfig(raw, ruleIds);
    if (problems.length > 0) throw new UsageError(ct('configFile', { file: configFile, reason: problems.join('; ') }));
    Object.assign(rules, config.rules);
  }
  for (const flag of ruleFlags) {
    const eq = flag.indexOf('=');
    const id = eq < 0 ? flag : flag.slice(0, eq);
    const level = eq < 0 ? '' : flag.slice(eq + 1);
    if (eq < 0) throw new UsageError(ct('ruleExpected', { flag }));
    if (!ruleIds.includes(id)) throw new UsageError(ct('ruleUnknown', { flag, id }));
    if (!LEVELS.includes(level as RuleLevel)) throw new UsageError(ct('ruleLevel', { flag, levels: LEVELS.join(', ') }));
    rules[id] = level as RuleLevel;
  }
  return rules;
}

export type ConfigResult = { config: EngineConfig; source: string | null } | { error: string; source: string };

/**
 * The configuration for each Dockerfile: its nearest `.dockerfile-slim.json`, then the command line on top, and
 * its build context. Project files and build contexts are read once per directory (a run that writes beside a
 * Dockerfile calls `forgetContexts`).
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, { rules: Record<string, RuleLevel>; source: string | null } | { error: string; source: string }>();

  /** What each directory's walk up found, shared by the walks from its subdirectories. */
  private readonly found = new Map<string, ProjectConfig>();

  private readonly contexts = new BuildContextCache();

  constructor(private readonly overrides: Record<string, RuleLevel>) {}

  forFile(dockerfilePath: string): ConfigResult {
    const dir = resolvedPath(dirname(dockerfilePath));
    let project = this.byDir.get(dir);
    if (!project) {
      // No directory is listed for this: one stat each, or the listing made for a build context read before.
      project = loadProject(dir, this.found, (d, name) => this.contexts.mayHold(d, name, false));
      this.byDir.set(dir, project);
    }
    if ('error' in project) return project;
    return {
      config: { rules: { ...project.rules, ...this.overrides }, context: this.contexts.forDockerfile(dockerfilePath, dir) },
      source: project.source,
    };
  }

  /** Forgets the build contexts seen: the run wrote files beside a Dockerfile. */
  forgetContexts(): void {
    this.contexts.forget();
  }
}

function loadProject(
  dir: string,
  memo: Map<string, ProjectConfig>,
  mayHold: (dir: string, name: string) => boolean,
): { rules: Record<string, RuleLevel>; source: string | null } | { error: string; source: string } {
  const found = findProjectConfig(dir, memo, mayHold);
  if (!found) return { rules: {}, source: null };
  if ('error' in found) return { error: found.error, source: found.path };
  const invalid = validateSettingsFile(found.raw);
  if (invalid.length > 0) return { error: `${found.path}: ${invalid.join('; ')}`, source: found.path };
  const { config, problems } = normalizeConfig(found.raw, ruleIds);
  if (problems.length > 0) return { error: `${found.path}: ${problems.join('; ')}`, source: found.path };
  return { rules: config.rules, source: found.path };
}
