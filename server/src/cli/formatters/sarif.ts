import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl, plainMessage, ruleText, type Finding, type Range, type RuleLevel, type Severity } from '../../engine/index.js';
import { cliLang } from '../messages.js';
import { HOMEPAGE, VERSION } from '../version.js';
import type { FileResult, Formatter, RunEnd } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 with one run: the driver lists every rule (so results can be written as files are checked),
 * results carry 1-based regions in UTF-16 columns and the fixes the engine proposes, and the invocation
 * lists the files that could not be checked.
 */
export class SarifFormatter implements Formatter {
  private first = true;
  private readonly ruleIndex = new Map(allRules.map((r, i) => [r.meta.id, i]));

  begin(): string {
    const driver = {
      name: 'dockerfile-slim',
      version: VERSION,
      semanticVersion: VERSION,
      informationUri: HOMEPAGE,
      rules: allRules.map((r) => ({
        id: r.meta.id,
        // In the run's language, as the results' messages are (`--lang zh-cn` or a Chinese locale).
        shortDescription: { text: ruleText(r.meta, cliLang()).summary },
        fullDescription: { text: ruleText(r.meta, cliLang()).rationale },
        helpUri: docsUrl(r.meta.id),
        defaultConfiguration: defaultConfiguration(r.meta.defaultSeverity),
        properties: { category: r.meta.category, fixSafety: r.meta.fix, related: r.meta.related },
      })),
    };
    const head = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
    return `${head.slice(0, -1)},"runs":[{"tool":${JSON.stringify({ driver })},"columnKind":"utf16CodeUnits","results":[`;
  }

  file(result: FileResult): string {
    let out = '';
    const uri = artifactUri(result.path);
    for (const f of result.findings) {
      out += (this.first ? '\n' : ',\n') + JSON.stringify(this.resultJson(uri, f));
      this.first = false;
    }
    return out;
  }

  end(run: RunEnd): string {
    const invocation = {
      executionSuccessful: run.errors.length === 0,
      toolExecutionNotifications: run.errors.map((text) => ({ level: 'error', message: { text } })),
    };
    return `\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`;
  }

  private resultJson(uri: string, f: Finding): Record<string, unknown> {
    const result: Record<string, unknown> = { ruleId: f.ruleId };
    const index = this.ruleIndex.get(f.ruleId);
    if (index !== undefined) result['ruleIndex'] = index;
    result['level'] = LEVEL[f.severity];
    result['message'] = f.message.includes('`') ? { text: plainMessage(f.message), markdown: f.message } : { text: f.message };
    result['locations'] = [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) } }];
    const fixes = f.fixes.filter((x) => x.edits.length > 0);
    if (fixes.length > 0) {
      result['fixes'] = fixes.map((x) => ({
        description: { text: x.safety === 'safe' ? x.title : `${x.title} (unsafe)` },
        artifactChanges: [
          {
            artifactLocation: { uri },
            replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      }));
    }
    if (f.estimate) result['properties'] = { estimatedBytes: f.estimate.bytes, estimateBasis: f.estimate.basis, ...(f.estimate.id !== undefined ? { estimateId: f.estimate.id } : {}) };
    return result;
  }
}

function defaultConfiguration(level: RuleLevel): Record<string, unknown> {
  return level === 'off' ? { enabled: false, level: 'none' } : { level: LEVEL[level] };
}

/** SARIF regions are 1-based; `endColumn` is the column just after the last character. */
function region(r: Range): Record<string, number> {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A relative URI reference for a relative path (what code-scanning services expect), a file URL otherwise. */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(sep === '\\' ? /[\\/]/ : '/')
    .filter((s, i) => !(s === '.' && i === 0))
    .map((s) => encodeURIComponent(s))
    .join('/');
}
