import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Basis } from './catalog/basis.js';
import type { Catalog, Locale, Translate } from './i18n/locale.js';
import type { DockerfileModel } from './model/model.js';

export type { Range, TextEdit };

/** Severity of a finding as shown to the user. */
export type Severity = 'error' | 'warning' | 'info';
/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/**
 * How much a fix can be trusted.
 * - `safe`: the installed software and the way the image runs stay the same; the fix only drops caches,
 *   indexes or documentation nothing reads at run time, or is a pure syntax rewrite. Applied in bulk.
 * - `unsafe`: probably what the user wants, but it may change which files or packages end up in the image
 *   or how it starts. Applied only when asked for.
 */
export type FixSafety = 'safe' | 'unsafe';

/** A fix is data: a title, a safety label and the text edits that carry it out, all or nothing. */
export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /**
   * Edits to other files (for example a `.dockerignore` beside the Dockerfile), keyed by a path relative to
   * the Dockerfile's directory. The engine never touches files; adapters apply these.
   */
  fileEdits?: FileEdit[];
}

/** An edit to a file other than the Dockerfile: create it, or append text to it. */
export interface FileEdit {
  path: string;
  kind: 'create' | 'append';
  text: string;
}

/**
 * Bytes at stake (uncompressed, as `docker images` shows), with where the number comes from. Only given
 * where an honest basis exists. An estimate is never a measurement of this file's image.
 */
export interface Estimate {
  bytes: number;
  basis: string;
  /**
   * Names the figure: two findings carrying the same figure (two rules about the same install) share an id,
   * and totals count it once. Findings without an id are counted each on their own.
   */
  id?: string;
  /**
   * A figure made of named parts (a split: the base-image change, the packages left behind, a new virtualenv):
   * totals count each part once by its id, so a part another finding also carries is not counted twice.
   * `bytes` is their sum.
   */
  parts?: readonly { id: string; bytes: number }[];
}

/** Another place in the same file that belongs to a finding (one finding per cause, its other sites here). */
export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** LSP range, 0-based lines and UTF-16 characters. */
  range: Range;
  fixes: Fix[];
  estimate?: Estimate;
  related?: RelatedLocation[];
}

export type Category = 'size' | 'layers' | 'runtime' | 'base-image' | 'security' | 'internal';

export interface RuleMeta {
  /** kebab-case, names the problem; the key for settings, ignore comments, docs and the diagnostic code. */
  id: string;
  /** One line, shown in the rules table and the hover. */
  summary: string;
  /** One or two sentences: why it matters. */
  rationale: string;
  category: Category;
  defaultSeverity: RuleLevel;
  /** The safest label any fix of this rule carries, or `none` when the rule never fixes. */
  fix: FixSafety | 'none';
  /** Prior-art codes, e.g. `hadolint:DL3009`. */
  related: string[];
}

/** An estimate as a rule reports it: its basis a value the engine formats in the findings' language. */
export type ReportEstimate = Omit<Estimate, 'basis'> & { basis: string | Basis };

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  estimate?: ReportEstimate;
  /** Overrides the configured severity only when the rule knows better (e.g. no shell at all → error). */
  severity?: Severity;
  related?: RelatedLocation[];
}

/** What the adapter knows about the files around the Dockerfile. The engine never reads them itself. */
export interface BuildContextInfo {
  /** Content of `.dockerignore` in the build context, `null` when there is none, undefined when unknown. */
  dockerignore?: string | null;
  /**
   * The file `dockerignore` was read from, relative to the Dockerfile's directory, when it is not
   * `.dockerignore`: BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile.
   */
  dockerignorePath?: string;
  /** Whether the build context has a package.json (undefined when unknown). */
  hasPackageJson?: boolean;
  /** The `scripts` of that package.json, when it has some the adapter could read (undefined when unknown). */
  packageScripts?: Readonly<Record<string, string>>;
  /** Whether the build context has a `.git` directory at its root (undefined when unknown). */
  hasGitDir?: boolean;
  /** Content of `go.mod` at the root of the build context, `null` when there is none, undefined when unknown. */
  goMod?: string | null;
  /** Content of `Cargo.toml` at the root of the build context, `null` when there is none, undefined when unknown. */
  cargoToml?: string | null;
}

export interface RuleContext<K extends string = string> {
  model: DockerfileModel;
  context: BuildContextInfo;
  /** The language findings are written in. */
  locale: Locale;
  /** Formats one of the rule's own messages in that language. */
  t: Translate<K>;
  report(report: Report): void;
}

export interface Rule<K extends string = string> {
  meta: RuleMeta;
  /**
   * Every text the rule shows (diagnostic messages, related-location notes, fix titles), in English and
   * Simplified Chinese, keyed by a name of the rule's choosing. The rule formats them with `ctx.t`.
   */
  messages?: Catalog<K>;
  check(ctx: RuleContext<K>): void;
}
