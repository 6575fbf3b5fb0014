import { formatBytes, plainMessage, totalEstimate, type Finding, type Severity } from '../../engine/index.js';
import { fixableWith, type FileResult, type Formatter, type RunEnd } from './types.js';
import { count, ct } from '../messages.js';

/**
 * `path:line:col: severity [rule-id] message`, 1-based, one finding per line; `[*]` after the rule id when
 * `fix` can fix it. A summary line (and the estimated saving, when findings carry estimates) ends the run.
 */
export class TextFormatter implements Formatter {
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private fixable = 0;
  private unsafeOnly = 0;
  private estimatedBytes = 0;
  private estimates = 0;

  constructor(private readonly unsafeFixes: boolean) {}

  begin(): string {
    return '';
  }

  file(result: FileResult): string {
    let out = '';
    // Estimate ids name a figure within one file: several findings carrying it count once.
    const estimates = result.findings.map((f) => f.estimate).filter((e) => e !== undefined);
    this.estimatedBytes += totalEstimate(estimates);
    this.estimates += new Set(estimates.map((e, i) => e.id ?? `#${i}`)).size;
    for (const f of result.findings) {
      this.counts[f.severity]++;
      if (fixableWith(f, false)) this.fixable++;
      else if (fixableWith(f, true)) this.unsafeOnly++;
      out += formatFinding(result.path, f, fixableWith(f, this.unsafeFixes));
    }
    return out;
  }

  end(run: RunEnd): string {
    const { error, warning, info } = this.counts;
    const total = error + warning + info;
    const files = count(run.filesChecked, 'file');
    if (total === 0) return `${ct('noProblems', { files })}\n`;
    let line = ct('problems', { problems: count(total, 'problem'), errors: count(error, 'error'), warnings: count(warning, 'warning'), info, files });
    if (this.unsafeFixes) {
      line += ct('fixableUnsafe', { n: this.fixable + this.unsafeOnly });
    } else {
      line += ct('fixable', { n: this.fixable, more: this.unsafeOnly });
    }
    let out = `${line}\n`;
    if (this.estimates > 0) {
      out += `${ct('estimatedSaving', { size: formatBytes(this.estimatedBytes), figures: count(this.estimates, 'figure') })}\n`;
    }
    return out;
  }
}

export function formatFinding(path: string, f: Finding, fixable: boolean): string {
  const { line, character } = f.range.start;
  return `${path}:${line + 1}:${character + 1}: ${f.severity} [${f.ruleId}]${fixable ? ' [*]' : ''} ${plainMessage(f.message)}\n`;
}
