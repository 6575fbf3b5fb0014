import type { EngineConfig } from './config.js';
import { FILE_TOO_LARGE, INTERNAL_ERROR, SCRIPT_TOO_LONG } from './defineRule.js';
import { collectIgnores, isIgnored, type IgnoreMap } from './ignore.js';
import { forgetEarlier } from './model/incremental.js';
import { buildModel, type DockerfileModel } from './model/model.js';
import { MAX_SCRIPT_LENGTH, ShellParserNotReady } from './model/shell.js';
import { allRules } from './rules/index.js';
import { compareRanges } from './text.js';
import type { BuildContextInfo, Finding, Fix, Report, Rule, RuleContext, RuleLevel, Severity } from './types.js';
import { formatBasis } from './catalog/basis.js';
import { formatBytes } from './catalog/units.js';
import { ENGINE_MESSAGES } from './i18n/engineMessages.js';
import { translator, type Locale, type Translate } from './i18n/locale.js';

export { formatBytes };

/** Above this many characters the rules are skipped and one informational finding says so. */
export const MAX_TEXT_LENGTH = 4_000_000;

export { FILE_TOO_LARGE, INTERNAL_ERROR, SCRIPT_TOO_LONG };

export interface Analysis {
  model: DockerfileModel | null;
  findings: Finding[];
}

/**
 * Parses once, builds the model and runs every enabled rule on it; a failing rule cannot stop the others.
 * `previous`: the model of an earlier version of the same document (the language server's last analysis),
 * whose unchanged instructions are not parsed again; the analysis is the same as without it.
 * Throws `ShellParserNotReady` when a script needs the shell grammar and `initEngine` has not loaded it.
 */
export function analyze(text: string, config?: Partial<EngineConfig>, rules: readonly Rule[] = allRules, previous?: DockerfileModel | null): Analysis {
  const locale: Locale = config?.locale ?? 'en';
  const t = translator(ENGINE_MESSAGES, locale);
  if (text.length > MAX_TEXT_LENGTH) {
    return {
      model: null,
      findings: [
        {
          ruleId: FILE_TOO_LARGE,
          severity: 'info',
          message: t('fileTooLarge', { length: text.length.toLocaleString('en-US'), limit: MAX_TEXT_LENGTH.toLocaleString('en-US') }),
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          fixes: [],
        },
      ],
    };
  }
  let model: DockerfileModel;
  let ignores: IgnoreMap;
  try {
    model = buildModel(text, previous);
    ignores = collectIgnores(model);
  } catch (error) {
    // The shell grammar is not loaded yet: the caller loads it and asks again (ShellParserNotReady).
    if (error instanceof ShellParserNotReady) throw error;
    // The parser failed on this text: no rule can run, but the caller still gets an answer, not an exception.
    return { model: null, findings: [internalError(t('unreadable', { detail: detailOf(error) }))] };
  }
  const levels = config?.rules ?? {};
  const findings: Finding[] = [];
  // One context per file, handed to each rule in turn with the rule swapped (rules read it synchronously).
  const run = new RuleRun(model, config?.context ?? {}, locale, ignores, levels, findings, t);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const level = levels[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    run.start(rule, level);
    try {
      rule.check(run);
    } catch (error) {
      if (error instanceof ShellParserNotReady) throw error;
      findings.push(internalError(t('ruleFailed', { rule: rule.meta.id, detail: detailOf(error) })));
    }
  }
  for (let i = 0; i < model.instructions.length; i++) {
    const inst = model.instructions[i]!;
    if (!inst.run?.script?.tooLong) continue;
    const length = inst.run.bodyEnd - inst.run.bodyStart;
    findings.push({
      ruleId: SCRIPT_TOO_LONG,
      severity: 'info',
      message: t('scriptTooLong', { length: length.toLocaleString('en-US'), limit: MAX_SCRIPT_LENGTH.toLocaleString('en-US') }),
      range: { start: inst.range.start, end: { line: inst.range.start.line, character: inst.range.start.character + inst.keyword.length } },
      fixes: [],
    });
  }
  findings.sort((a, b) => compareRanges(a.range, b.range) || a.ruleId.localeCompare(b.ruleId));
  forgetEarlier(model);
  return { model, findings };
}

/** The context the rules of one file's analysis see: one object per file, pointed at each rule in turn. */
class RuleRun implements RuleContext {
  t: Translate<string> = noMessages;
  private rule: Rule | null = null;
  private severity: Severity = 'info';
  /** Own property, not a method: rules take it out of the context (`check({ report })`). */
  readonly report = (r: Report): void => this.add(r);

  constructor(
    readonly model: DockerfileModel,
    readonly context: BuildContextInfo,
    readonly locale: Locale,
    private readonly ignores: IgnoreMap,
    private readonly levels: Readonly<Record<string, RuleLevel>>,
    private readonly findings: Finding[],
    private readonly engineT: Translate<keyof typeof ENGINE_MESSAGES>,
  ) {}

  start(rule: Rule, severity: Severity): void {
    this.rule = rule;
    this.severity = severity;
    this.t = ruleTranslator(rule, this.locale);
  }

  private add(r: Report): void {
    const { meta } = this.rule!;
    if (isIgnored(this.ignores, meta.id, meta.related, r.range.start.line)) return;
    const model = this.model;
    const finding: Finding = {
      ruleId: meta.id,
      // A rule may raise its own severity (e.g. no shell at all), never above a configured `error`.
      severity: r.severity && this.levels[meta.id] === undefined ? r.severity : this.severity,
      message: r.estimate ? this.engineT('estimate', { message: r.message, size: formatBytes(r.estimate.bytes) }) : r.message,
      range: r.range,
      fixes: (r.fixes ?? []).map((f) => keepLineBreaksApart(model, f)),
    };
    if (r.estimate) finding.estimate = { ...r.estimate, basis: typeof r.estimate.basis === 'string' ? r.estimate.basis : formatBasis(r.estimate.basis, this.locale) };
    if (r.related && r.related.length > 0) finding.related = r.related;
    this.findings.push(finding);
  }
}

const noMessages: Translate<string> = (key) => {
  throw new Error(`no message "${key}"`);
};

/** Each rule's message formatter per language, made once (a lint asks for every enabled rule's). */
const translators = new WeakMap<Rule, Map<Locale, Translate<string>>>();

function ruleTranslator(rule: Rule, locale: Locale): Translate<string> {
  let byLocale = translators.get(rule);
  if (!byLocale) translators.set(rule, (byLocale = new Map()));
  let t = byLocale.get(locale);
  if (!t) byLocale.set(locale, (t = translator(rule.messages ?? {}, locale)));
  return t;
}

/**
 * An edit that starts its text with `\n` right after a lone `\r` (or ends it with `\r` right before a `\n`)
 * would fuse the two into one CRLF: a line break would vanish and a kind of line break the file does not use
 * would appear. Such a boundary takes the neighbour's kind instead (files mixing LF and lone CR, seen in fuzzing).
 */
function keepLineBreaksApart(model: DockerfileModel, fix: Fix): Fix {
  const { text, lines } = model;
  let changed = false;
  const edits = fix.edits.map((e) => {
    let newText = e.newText;
    const start = lines.offsetAt(e.range.start);
    const end = lines.offsetAt(e.range.end);
    if (newText.startsWith('\n') && text[start - 1] === '\r') newText = `\r${newText.slice(1)}`;
    if (newText.endsWith('\r') && text[end] === '\n') newText = `${newText.slice(0, -1)}\n`;
    if (newText === e.newText) return e;
    changed = true;
    return { ...e, newText };
  });
  return changed ? { ...fix, edits } : fix;
}

function internalError(message: string): Finding {
  return { ruleId: INTERNAL_ERROR, severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] };
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Findings for a Dockerfile's text. */
export function lint(text: string, config?: Partial<EngineConfig>, rules?: readonly Rule[]): Finding[] {
  return analyze(text, config, rules).findings;
}
