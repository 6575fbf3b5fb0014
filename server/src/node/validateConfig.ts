import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { allRules, configSchema } from '../engine/index.js';

let validate: ValidateFunction | undefined;

/** The settings-file schema, built from the rules' metadata (the same one `npm run generate` writes). */
export function settingsSchema(): Record<string, unknown> {
  return configSchema(allRules.map((r) => ({ id: r.meta.id, summary: r.meta.summary, defaultSeverity: r.meta.defaultSeverity })));
}

/**
 * Checks a parsed `.dockerfile-slim.json` against the schema. Each problem starts with the JSON path it is
 * about (`/rules/apt-lists-left: …`); an empty list means the file is valid.
 */
export function validateSettingsFile(raw: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(settingsSchema());
  if (validate(raw)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const path = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const at = `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return e.instancePath === '/rules' ? `${at}: unknown rule "${key}"` : `${at}: unknown setting "${key}"`;
    }
    case 'enum':
      return `${path}: level must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`;
    case 'type':
      return `${path}: must be ${e.instancePath === '' || e.instancePath === '/rules' ? 'an object' : `of type ${String(params['type'])}`}`;
    default:
      return `${path}: ${e.message ?? 'invalid'}`;
  }
}
