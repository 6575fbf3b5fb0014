import { allRules, docsUrl, type Rule } from '../../engine/index.js';
import { UsageError } from '../args.js';
import { ct } from '../messages.js';

/** `rules`: one row per rule with its default level, fix safety and summary. */
export function rulesTable(): string {
  const rows = [['RULE', 'DEFAULT', 'FIX', 'SUMMARY'], ...allRules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.fix, r.meta.summary])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n') + '\n';
}

/** `explain <id>`: the rule's summary, rationale, defaults and documentation link. Prior-art codes work too. */
export function explain(id: string): string {
  const exact = allRules.find((r) => r.meta.id === id);
  const matches = exact ? [exact] : allRules.filter((r) => r.meta.related.some((code) => code.toLowerCase() === id.toLowerCase() || code.split(':')[1]?.toLowerCase() === id.toLowerCase()));
  if (matches.length === 0) throw new UsageError(ct('unknownRule', { id }));
  return matches.map(describe).join('\n');
}

function describe(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    m.id,
    m.summary,
    '',
    m.rationale,
    '',
    `Default level: ${m.defaultSeverity}`,
    `Fix:           ${m.fix === 'none' ? 'none (the remedy needs restructuring)' : m.fix === 'safe' ? 'safe at best (each finding says whether its fix is safe; `fix` applies safe ones)' : 'unsafe (applied only by `fix --unsafe`)'}`,
  ];
  if (m.related.length > 0) lines.push(`Related:       ${m.related.join(', ')}`);
  lines.push(`Docs:          ${docsUrl(m.id)}`);
  return lines.join('\n') + '\n';
}
