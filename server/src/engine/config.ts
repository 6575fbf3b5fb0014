import type { Locale } from './i18n/locale.js';
import type { BuildContextInfo, RuleLevel } from './types.js';

export interface EngineConfig {
  /** The language of messages, fix titles and hover cards (default `en`). */
  locale?: Locale;
  /** Level per rule id; rules not listed use their default. */
  rules: Record<string, RuleLevel>;
  /** What the adapter knows about the build context (the engine reads no files). */
  context: BuildContextInfo;
}

export const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/**
 * Turns untrusted settings (VS Code settings, a `.dockerfile-slim.json`, CLI flags) into an EngineConfig.
 * Unknown rule ids and bad values are reported, never thrown.
 */
export function normalizeConfig(raw: unknown, knownRuleIds: readonly string[]): { config: EngineConfig; problems: string[] } {
  const problems: string[] = [];
  const config: EngineConfig = { rules: {}, context: {} };
  if (raw === undefined || raw === null) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('configuration must be an object');
    return { config, problems };
  }
  const obj = raw as Record<string, unknown>;
  const rules = obj['rules'];
  if (rules !== undefined) {
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
      problems.push('"rules" must be an object of rule id → off|info|warning|error');
    } else {
      for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
        if (!knownRuleIds.includes(id)) {
          problems.push(`unknown rule "${id}"`);
          continue;
        }
        if (level === 'default') continue;
        if (typeof level !== 'string' || !LEVELS.includes(level as RuleLevel)) {
          problems.push(`rule "${id}": level must be one of ${LEVELS.join(', ')}`);
          continue;
        }
        config.rules[id] = level as RuleLevel;
      }
    }
  }
  for (const key of Object.keys(obj)) {
    if (key !== 'rules' && key !== '$schema') problems.push(`unknown setting "${key}"`);
  }
  return { config, problems };
}

/** What the settings-file schema needs to know of a rule. */
export interface SchemaRule {
  id: string;
  summary: string;
  defaultSeverity: RuleLevel;
}

/**
 * JSON Schema (draft-07) of `.dockerfile-slim.json`. One source for the file VS Code validates and completes
 * with (`schemas/dockerfile-slim.schema.json`, written by `npm run generate`) and for the CLI's check.
 */
export function configSchema(rules: readonly SchemaRule[]): Record<string, unknown> {
  const levels = ['default', ...LEVELS];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/schemas/dockerfile-slim.schema.json',
    title: 'Dockerfile Slim settings (.dockerfile-slim.json)',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows.' },
      rules: {
        type: 'object',
        description: 'Level per rule id. Rules not listed keep their default level.',
        properties: Object.fromEntries(
          rules.map((r) => [
            r.id,
            {
              enum: levels,
              description: `${r.summary}. Default level: ${r.defaultSeverity}.`,
              markdownDescription: `${r.summary}. Default level: \`${r.defaultSeverity}\`.`,
            },
          ]),
        ),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
