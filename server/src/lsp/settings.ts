import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules, normalizeConfig, type BuildContextInfo, type EngineConfig, type RuleLevel } from '../engine/index.js';
import { buildContextFor } from '../node/buildContext.js';
import { logs, setLogLevel } from './logging.js';
import { serverLocale } from './messages.js';
import { findProjectConfig } from '../node/projectConfig.js';

/** What the store needs from the connection; injected so that it holds no connection of its own. */
export interface SettingsSource {
  /** The raw `dockerfileSlim` section for a document, or undefined when the client cannot be asked. */
  fetch(uri: string): Promise<unknown>;
  /** Tells the user about a problem with their settings (a notification, never a request). */
  warn(message: string): void;
  log(message: string): void;
  /** Writes a message at `info` level (the caller checks the level). */
  info?(message: string): void;
}

/** Settings resolved for one document: editor settings over the nearest `.dockerfile-slim.json`. */
export interface DocumentSettings {
  rules: Record<string, RuleLevel>;
  /** The project file that contributed, if any. */
  projectConfig: string | null;
  /** `dockerfileSlim.enable`: false turns every rule off for the document (per workspace or folder). */
  enabled: boolean;
  /** Per-instruction size estimates as inlay hints (`dockerfileSlim.sizeHints`, on unless set to false). */
  sizeHints: boolean;
}

const RULE_IDS = allRules.map((r) => r.meta.id);
/** Values that mean "not set in the editor": fall through to the project file, then the rule's default. */
const UNSET = new Set<unknown>([undefined, null, '', 'default']);

/**
 * Per-document settings, fetched once per URI and cached until `clear()` (on `didChangeConfiguration`, on
 * changes to a project file, on close). There is no server-wide settings object: every lookup is by URI.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  /** Problems already shown, so each is shown once per server session, not once per lint. */
  private readonly warned = new Set<string>();

  constructor(private readonly source: SettingsSource) {}

  get(uri: string): Promise<DocumentSettings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.resolve(uri);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  clear(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }

  private async resolve(uri: string): Promise<DocumentSettings> {
    let raw: unknown;
    try {
      raw = await this.source.fetch(uri);
    } catch (error) {
      this.source.log(`Could not read settings for ${uri}: ${describe(error)}`);
      raw = undefined;
    }
    // The log level is a window setting: the same in every document's section.
    if (typeof raw === 'object' && raw !== null) setLogLevel((raw as Record<string, unknown>)['logLevel']);
    const path = filePath(uri);
    const project = path === null ? null : findProjectConfig(dirname(path));
    let projectRules: Record<string, RuleLevel> = {};
    if (project && 'error' in project) {
      this.warnOnce(`Dockerfile Slim: ${project.error}. Its settings are ignored.`);
    } else if (project) {
      const { config, problems } = normalizeConfig(project.raw, RULE_IDS);
      projectRules = config.rules;
      if (problems.length > 0) this.warnOnce(`Dockerfile Slim: ${project.path}: ignored ${problems.join('; ')}.`);
    }
    const editor = editorRules(raw);
    const { config, problems } = normalizeConfig({ rules: editor }, RULE_IDS);
    if (problems.length > 0) this.warnOnce(`Dockerfile Slim settings: ignored ${problems.join('; ')}.`);
    const projectConfig = project ? project.path : null;
    if (logs('info')) this.source.info?.(`${uri}: settings from ${project && 'error' in project ? `the editor (${project.path} is invalid)` : projectConfig ? `${projectConfig} and the editor` : 'the editor'}${isEnabled(raw) ? '' : ', Dockerfile Slim turned off (dockerfileSlim.enable)'}`);
    const sizeHints = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['sizeHints'] !== false : true;
    if (!isEnabled(raw)) return { rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'off' as const])), projectConfig, enabled: false, sizeHints: false };
    return { rules: { ...projectRules, ...config.rules }, projectConfig, enabled: true, sizeHints };
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.source.warn(message);
  }
}

/** `dockerfileSlim.enable`; anything but an explicit `false` leaves the extension on. */
function isEnabled(raw: unknown): boolean {
  return !(typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['enable'] === false);
}

/** The `rules` object of the section with unset entries dropped; anything malformed is left to normalizeConfig. */
function editorRules(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return {};
  const rules = (raw as Record<string, unknown>)['rules'];
  if (rules === undefined || rules === null) return {};
  if (typeof rules !== 'object' || Array.isArray(rules)) return rules;
  const out: Record<string, unknown> = {};
  for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
    if (!UNSET.has(level)) out[id] = level;
  }
  return out;
}

/** The engine configuration for one lint: the document's settings plus what is on disk around it. */
export function engineConfig(uri: string, settings: DocumentSettings): EngineConfig {
  return { rules: settings.rules, context: buildContext(uri), locale: serverLocale() };
}

function buildContext(uri: string): BuildContextInfo {
  const path = filePath(uri);
  return path === null ? {} : buildContextFor(path);
}

/** The file system path of a `file:` URI; null for any other scheme (untitled, vscode-remote, …). */
export function filePath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
