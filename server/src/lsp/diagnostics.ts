import type { TextDocuments } from 'vscode-languageserver/node';
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl, plainMessage, type Finding, type Severity } from '../engine/index.js';
import type { AnalysisCache } from './analysisCache.js';
import { DIAGNOSTIC_SOURCE, LINT_DEBOUNCE_MS, type DiagnosticData, type InitializationOptions } from './protocol.js';
import { describe, engineConfig, type SettingsStore } from './settings.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    fixes: finding.fixes.length,
    safeFixes: finding.fixes.filter((f) => f.safety === 'safe').length,
  };
  if (finding.estimate) data.estimate = finding.estimate;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    // Problems shows text as it is: code spans become quotes.
    message: plainMessage(finding.message),
    data,
  };
  if (finding.related) diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: plainMessage(r.message) }));
  return diagnostic;
}

/**
 * `.dockerignore` files sit beside Dockerfiles and match the client's `Dockerfile.*` / `Containerfile.*`
 * patterns (`Dockerfile.dockerignore`); they are not Dockerfiles.
 */
export function isDockerfileUri(uri: string): boolean {
  return !/\.dockerignore$/i.test(uri.replace(/[?#].*$/, ''));
}

/** The debounce asked for in `initializationOptions`, when it is a whole number of milliseconds from 0 to 1000. */
export function debounceFrom(options: unknown): number {
  const value = typeof options === 'object' && options !== null ? (options as InitializationOptions).lintDebounceMs : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000 ? value : LINT_DEBOUNCE_MS;
}

export interface DiagnosticsDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyses: AnalysisCache;
  /** Resolves once the engine can lint (the shell grammar is loaded). */
  ready: Promise<void>;
  publish(params: PublishDiagnosticsParams): void;
  /** Diagnostics from elsewhere (a measurement) to publish with the lint's, for this version of the document. */
  extra?(uri: string, version: number): Diagnostic[];
  log(message: string): void;
}

/**
 * Lints open documents after changes settle and publishes the result. Each run takes a ticket; a run that is
 * overtaken by a newer one for the same document (a later change, a settings change, a close) while it waits
 * for settings drops its result. Linting itself is synchronous, so the text linted is the text at publish
 * time and the published version is always the newest one.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly tickets = new Map<string, number>();
  private nextTicket = 0;
  /** Milliseconds between the last change and the lint; set from `initializationOptions`. */
  debounceMs = LINT_DEBOUNCE_MS;

  constructor(private readonly deps: DiagnosticsDeps) {}

  /** The document was opened or changed: lint now when it is new to us, else after the debounce. */
  changed(uri: string): void {
    const known = this.tickets.has(uri) || this.timers.has(uri);
    this.schedule(uri, known ? this.debounceMs : 0);
  }

  schedule(uri: string, delay = this.debounceMs): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delay),
    );
  }

  /** Re-lints every open document (settings or project files changed). */
  scheduleAll(delay = 0): void {
    for (const doc of this.deps.documents.all()) this.schedule(doc.uri, delay);
  }

  /** Forgets the document and clears its diagnostics. */
  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    // A run still waiting for settings now finds no ticket of its own and drops its result.
    this.tickets.delete(uri);
    this.deps.publish({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async run(uri: string): Promise<void> {
    const ticket = ++this.nextTicket;
    this.tickets.set(uri, ticket);
    try {
      await this.deps.ready;
      const settings = await this.deps.settings.get(uri);
      if (this.tickets.get(uri) !== ticket) return;
      const doc = this.deps.documents.get(uri);
      if (!doc) return;
      if (!isDockerfileUri(uri)) {
        this.deps.publish({ uri, version: doc.version, diagnostics: [] });
        return;
      }
      const { findings } = this.deps.analyses.analyze(uri, doc.getText(), engineConfig(uri, settings));
      this.deps.publish({ uri, version: doc.version, diagnostics: [...findings.map((f) => toDiagnostic(f, uri)), ...(this.deps.extra?.(uri, doc.version) ?? [])] });
    } catch (error) {
      this.deps.log(`Publishing diagnostics for ${uri} failed: ${describe(error)}`);
    }
  }
}
