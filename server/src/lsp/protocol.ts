/**
 * What the language server and the extension client agree on: ids, settings shape, payload types.
 * Constants and types only, so the client can import this file without pulling in the server.
 */

/** `source` of every diagnostic, and the suffix of the fix-all code action kind. */
export const DIAGNOSTIC_SOURCE = 'dockerfile-slim';

/** The settings section read with `workspace/configuration` (and synchronised by the client). */
export const CONFIGURATION_SECTION = 'dockerfileSlim';

/** Code action kind of "apply every safe fix in the file" (editor.codeActionsOnSave: source.fixAll). */
export const FIX_ALL_KIND = 'source.fixAll.dockerfile-slim';

/** Milliseconds the server waits after the last change before it lints a document again. */
export const LINT_DEBOUNCE_MS = 100;

/**
 * `initializationOptions` the server reads. The extension sends none; benchmarks and tests set
 * `lintDebounceMs` (0 to 1000; anything else means the default) to time linting without the wait.
 */
export interface InitializationOptions {
  lintDebounceMs?: number;
}

/** Command ids. The client contributes the first three; the server executes the last. */
export const Commands = {
  slim: 'dockerfileSlim.slim',
  showSavings: 'dockerfileSlim.showSavings',
  restartServer: 'dockerfileSlim.restartServer',
  /** `workspace/executeCommand`, arguments `[uri: string]`; answers a WorkspaceEdit, or null when nothing to fix. */
  applyAllSafeFixes: 'dockerfileSlim.applyAllSafeFixes',
  /**
   * `workspace/executeCommand`, arguments `[uri: string, options?: SlimOptions]`: the server sends the slim plan
   * as one `workspace/applyEdit` and answers a `SlimResult`.
   */
  slimDocument: 'dockerfileSlim.slimDocument',
  /** `workspace/executeCommand`, arguments `[uri: string]`; answers a `SavingsResult`, changes nothing. */
  estimateSavings: 'dockerfileSlim.estimateSavings',
  /** Client command "Measure image" (trusted workspaces only). */
  measure: 'dockerfileSlim.measure',
  /**
   * `workspace/executeCommand`, arguments `[uri: string, options?: MeasureRequestOptions]`: builds the document's
   * text, then shows the measured sizes as code lenses and the waste as `layer-waste` diagnostics until the
   * text changes. Cancellable; answers a `MeasureResult`. Streams `Notifications.buildLog` and `.measureProgress`.
   */
  measureDocument: 'dockerfileSlim.measureDocument',
  /** Client command "Verify the slimmed Dockerfile by building" (trusted workspaces only). */
  verify: 'dockerfileSlim.verify',
  /**
   * `workspace/executeCommand`, arguments `[uri: string, options: VerifyRequestOptions]`: builds `options.original`
   * (the text before "Slim this Dockerfile") and the document's text, runs a container of each, and answers a
   * `VerifyResult`. Cancellable; streams `Notifications.buildLog` and `.measureProgress`. Changes nothing.
   */
  verifyDocument: 'dockerfileSlim.verifyDocument',
} as const;

/** Server → client notifications while measuring. */
export const Notifications = {
  /** `{ uri, text }`: a piece of the build log. */
  buildLog: 'dockerfileSlim/buildLog',
  /** `{ uri, message }`: the phase the measurement is in. */
  measureProgress: 'dockerfileSlim/measureProgress',
} as const;

/** The diagnostic code of measured waste (not a rule: it comes from a build, not from the text). */
export const LAYER_WASTE = 'layer-waste';

export interface MeasureRequestOptions {
  /** Builders to try, in order (setting `dockerfileSlim.measure.builders`). */
  builders?: string[];
  /** Extra build flags (setting `dockerfileSlim.measure.buildFlags`). */
  buildFlags?: string[];
}

export interface VerifyRequestOptions extends MeasureRequestOptions {
  /** The text before "Slim this Dockerfile": what the slim text is compared with. */
  original: string;
  /** What "Slim this Dockerfile" estimated the fixes save, in bytes (null: no estimate). */
  estimatedBytes?: number | null;
  /** Extra flags for running the containers (setting `dockerfileSlim.measure.runFlags`). */
  runFlags?: string[];
}

export interface VerifyResult {
  /** The slim text builds and its container does what the original's does. */
  ok: boolean;
  /** Why not, when not: the slim file does not build; its container does not start or answer like the original's; the check itself could not run. */
  failure?: 'slim-build' | 'slim-run' | 'cannot-verify';
  builder?: string;
  /** Measured, uncompressed (as `docker images` shows). */
  originalBytes?: number;
  slimBytes?: number | null;
  estimatedBytes?: number | null;
  /** One or two sentences for the user, starting with "Dockerfile Slim:". */
  message: string;
}

export interface MeasureResult {
  ok: boolean;
  /** The builder used, when one was found. */
  builder?: string;
  layerBytes?: number;
  wastedBytes?: number;
  /** One sentence for the user, starting with "Dockerfile Slim:". */
  message: string;
}

/**
 * What to do with unsafe changes: `review` (default) marks them as needing confirmation, so VS Code opens
 * the refactor preview where each can be unticked; `apply` applies them; `skip` leaves them out.
 */
export interface SlimOptions {
  unsafe?: 'review' | 'apply' | 'skip';
}

export interface SlimResult {
  /** The document changed (false when the client refused the edit, the preview was cancelled, or nothing was ticked). */
  applied: boolean;
  /** Fixes applied, as the document shows them after the preview (safe ones an unsafe change carried included). */
  safeFixes: number;
  unsafeFixes: number;
  /** Sum of the estimates of the fixes applied, in bytes; null when none of them is estimated. An estimate. */
  estimatedBytes: number | null;
  /** Findings in the resulting text, by what their fix is: safe (not in the plan, e.g. it writes another file), unsafe, or none. */
  left: { safe: number; unsafe: number; manual: number };
  remaining: RemainingFinding[];
  /** One line for the user, starting with "Dockerfile Slim:". */
  message: string;
}

/** A finding left after "Slim this Dockerfile", for "Show remaining". */
export interface RemainingFinding {
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fix: 'safe' | 'unsafe' | 'none';
}

/** One kind of saving: bytes estimated, fixes or findings counted, how many of them carry an estimate. */
export interface SavingsPartResult {
  bytes: number;
  count: number;
  estimated: number;
}

export interface SavingsResult {
  /** What the safe group, the unsafe groups and the changes by hand would save, from the same plan as the slim command. */
  safe: SavingsPartResult;
  unsafe: SavingsPartResult;
  manual: SavingsPartResult;
  message: string;
}

/** Code action kind of "Slim this Dockerfile", offered on the first line (a refactoring: shown in the lightbulb). */
export const SLIM_KIND = 'refactor.rewrite.dockerfile-slim';

/**
 * A rule's setting. `default` (and an empty value) means "not set here": the level then comes from the
 * nearest `.dockerfile-slim.json`, else the rule's default.
 */
export type RuleSetting = 'default' | 'off' | 'info' | 'warning' | 'error';

/** The `dockerfileSlim` configuration section as the server reads it. Only `rules` is used today. */
export interface DockerfileSlimSettings {
  /** Rule id → level; VS Code builds this object from the `dockerfileSlim.rules.<id>` settings. */
  rules?: Record<string, RuleSetting | '' | null>;
}

/** `Diagnostic.data` of every diagnostic the server publishes. */
export interface DiagnosticData {
  ruleId: string;
  /** Bytes at stake and where the number comes from, when the rule has an honest basis for one. */
  estimate?: { bytes: number; basis: string };
  /** Number of fixes the finding offers, and how many of them are safe. */
  fixes: number;
  safeFixes: number;
}
