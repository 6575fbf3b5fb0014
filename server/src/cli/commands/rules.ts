import { allRules, docsUrl, ruleText, type Rule } from '../../engine/index.js';
import { UsageError } from '../args.js';
import { cliLang, ct } from '../messages.js';
import { cliLocale } from './common.js';

/** `rules`: one row per rule with its default level, fix safety and summary, in the run's language. */
export function rulesTable(): string {
  const head = [ct('rulesColRule'), ct('rulesColDefault'), ct('rulesColFix'), ct('rulesColSummary')];
  const rows = [head, ...allRules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.fix, ruleText(r.meta, cliLang()).summary])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => displayWidth(row[c]!))));
  return rows.map((row) => row.map((cell, c) => (c < 3 ? cell + ' '.repeat(widths[c]! - displayWidth(cell)) : cell)).join('  ')).join('\n') + '\n';
}

/** Terminal columns: CJK characters and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
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
  const text = ruleText(m, cliLang());
  const lines = [
    m.id,
    text.summary,
    '',
    text.rationale,
    '',
    ct('explainLevel', { level: m.defaultSeverity }),
    ct(m.fix === 'none' ? 'explainFixNone' : m.fix === 'safe' ? 'explainFixSafe' : 'explainFixUnsafe'),
  ];
  if (m.related.length > 0) lines.push(ct('explainRelated', { codes: m.related.join(', ') }));
  lines.push(ct('explainDocs', { url: docsUrl(m.id) }));
  return lines.join('\n') + '\n';
}

/**
 * The arguments of `rules`/`explain` without `--lang` (which `main` has already applied); a `--lang` that
 * is neither language, or has no value, is a usage error.
 */
export function withoutLang(args: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? args[++i] : arg.slice('--lang='.length);
      cliLocale(value ?? '', {}); // throws on a value that is neither language
      continue;
    }
    rest.push(arg);
  }
  return rest;
}
