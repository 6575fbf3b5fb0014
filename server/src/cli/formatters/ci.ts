// node:crypto is loaded when first needed: most runs never write this format, and loading it is a few ms of start-up.
import type * as Crypto from 'node:crypto';
import { plainMessage, type Finding, type Severity } from '../../engine/index.js';
import type { FileResult, Formatter, RunEnd } from './types.js';

/**
 * The formats CI systems read natively. Lines and columns are 1-based in all three; a finding's end is
 * given where the format has a place for it.
 */

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. */
export class GithubFormatter implements Formatter {
  begin(): string {
    return '';
  }

  file(result: FileResult): string {
    return result.findings
      .map((f) => {
        const props = [
          `file=${githubProperty(result.path)}`,
          `line=${f.range.start.line + 1}`,
          `col=${f.range.start.character + 1}`,
          `endLine=${f.range.end.line + 1}`,
          `endColumn=${f.range.end.character + 1}`,
          `title=${githubProperty(`dockerfile-slim ${f.ruleId}`)}`,
        ];
        return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${githubData(plainMessage(f.message))}\n`;
      })
      .join('');
  }

  end(run: RunEnd): string {
    return run.errors.map((e) => `::error title=dockerfile-slim::${githubData(e)}\n`).join('');
  }
}

/** Escaping of a workflow command's message (GitHub's toolkit: `%`, CR, LF). */
export function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property (also `:` and `,`). */
export function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { info: 'info', warning: 'minor', error: 'major' };

/**
 * GitLab Code Quality report: a JSON array of issues with `description`, `check_name`, `fingerprint`,
 * `severity` and `location.path` + `location.lines.begin`. The fingerprint is stable across runs for the
 * same rule, file and finding text, whatever the line (so moving code does not reopen an issue).
 */
export class GitlabFormatter implements Formatter {
  private first = true;

  begin(): string {
    return '[';
  }

  file(result: FileResult): string {
    const seen = new Map<string, number>();
    let out = '';
    for (const f of result.findings) {
      const base = `${f.ruleId}\0${result.path}\0${f.message}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const issue = {
        type: 'issue',
        check_name: f.ruleId,
        description: plainMessage(f.message),
        categories: ['Performance'],
        severity: GITLAB_SEVERITY[f.severity],
        fingerprint: (require('node:crypto') as typeof Crypto).createHash('md5').update(`${base}\0${n}`).digest('hex'),
        location: { path: result.path.replace(/\\/g, '/'), lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      };
      out += (this.first ? '\n' : ',\n') + JSON.stringify(issue);
      this.first = false;
    }
    return out;
  }

  end(): string {
    return '\n]\n';
  }
}

const CHECKSTYLE_SEVERITY: Record<Severity, 'info' | 'warning' | 'error'> = { info: 'info', warning: 'warning', error: 'error' };

/** Checkstyle XML, which Jenkins, GitLab plug-ins, reviewdog and many CI dashboards read. */
export class CheckstyleFormatter implements Formatter {
  begin(): string {
    return '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  }

  file(result: FileResult): string {
    const rows = result.findings.map((f: Finding) => {
      const attrs = [
        `line="${f.range.start.line + 1}"`,
        `column="${f.range.start.character + 1}"`,
        `severity="${CHECKSTYLE_SEVERITY[f.severity]}"`,
        `message="${xmlAttr(plainMessage(f.message))}"`,
        `source="dockerfile-slim.${xmlAttr(f.ruleId)}"`,
      ];
      return `    <error ${attrs.join(' ')}/>\n`;
    });
    return `  <file name="${xmlAttr(result.path)}">\n${rows.join('')}  </file>\n`;
  }

  end(run: RunEnd): string {
    const errors = run.errors.map((e) => `  <file name="dockerfile-slim">\n    <error line="1" severity="error" message="${xmlAttr(e)}" source="dockerfile-slim"/>\n  </file>\n`);
    return `${errors.join('')}</checkstyle>\n`;
  }
}

/** Text safe inside a double-quoted XML attribute (control characters XML 1.0 forbids are dropped). */
export function xmlAttr(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
