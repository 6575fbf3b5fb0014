import type { Copy, ModifiableInstruction } from 'dockerfile-ast';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { cleanPath, compilePatterns, DOCKERIGNORE, isIgnored, lineBreakOf, parseDockerignore, type IgnorePattern } from '../dockerignore.js';
import { copyInfo } from '../model/copies.js';
import type { BuildContextInfo, Fix } from '../types.js';

export default defineRule('copy-context-unfiltered', {
  check({ model, context, report, t }) {
    // The build context is looked at from the first COPY of its root on (most files have none: the CLI reads a
    // directory only for a rule that looks).
    let stake: Stake | null | undefined;
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      for (const inst of stage.instructions) {
        // An ONBUILD trigger runs in another build, with that build's context.
        if (inst.onbuild) continue;
        const copy = copyInfo(model, inst);
        if (!copy || copy.heredoc || (inst.keyword === 'COPY' && (inst.node as Copy).getFromFlag())) continue;
        const root = copy.sources.find((w) => w.value !== null && isContextRoot(w.value));
        if (!root) continue;
        if (stake === undefined) stake = atStake(context);
        if (stake === null) return;
        const { ignored, wanted, file } = stake;
        const excluded = excludeFlags(inst.node as ModifiableInstruction);
        if (!excluded) continue;
        const missing = wanted.filter((d) => !isIgnored(ignored, d.probe) && !isIgnored(excluded, d.probe));
        if (missing.length === 0) continue;
        const names = listOf(missing.map((d) => d.name), t('and'));
        const what = `${inst.keyword} ${root.value!}`;
        const message = t(context.dockerignore === null ? 'noIgnore' : 'notExcluded', { what, names, file: context.dockerignore === null ? DOCKERIGNORE : file });
        report({ range: model.lines.range(root.start, root.end), message, fixes: [ignoreFix(context, file, missing, model.eol, t)] });
      }
    }
  },
});

interface Directory {
  name: string;
  /** A path inside it: excluded when the directory or everything in it is. */
  probe: string;
  /** Lines for a new ignore file. */
  lines: string[];
}

const GIT: Directory = { name: '.git', probe: '.git/objects/pack', lines: ['.git'] };
const NODE_MODULES: Directory = { name: 'node_modules', probe: 'node_modules/pkg/lib', lines: ['node_modules', 'npm-debug.log'] };

interface Stake {
  ignored: IgnorePattern[];
  wanted: Directory[];
  file: string;
}

/** The ignore file's patterns and the directories it should exclude; null when nothing can be said. */
function atStake(context: BuildContextInfo): Stake | null {
  // Without the build context's ignore file (or knowing there is none) nothing can be said.
  if (context.dockerignore === undefined) return null;
  const ignored = context.dockerignore === null ? [] : parseDockerignore(context.dockerignore);
  if (!ignored) return null;
  const wanted = directoriesAtStake(context);
  if (wanted.length === 0) return null;
  return { ignored, wanted, file: context.dockerignorePath ?? DOCKERIGNORE };
}

/** `.git` unless the context is known to have none; `node_modules` when the context is a Node.js project. */
function directoriesAtStake(context: BuildContextInfo): Directory[] {
  const out: Directory[] = [];
  if (context.hasGitDir !== false) out.push(GIT);
  if (context.hasPackageJson === true) out.push(NODE_MODULES);
  return out;
}

/** `.`, `./`, `/` and the like: every source path is read inside the context, so `/` is its root too. */
function isContextRoot(value: string): boolean {
  if (value.includes('$') || value.includes('\\')) return false;
  const clean = cleanPath(value);
  return clean === '.' || clean === '/';
}

/** The patterns of `--exclude` flags; null when one cannot be read (a variable, no value, malformed). */
function excludeFlags(node: ModifiableInstruction): IgnorePattern[] | null {
  const values: string[] = [];
  for (const flag of node.getFlags()) {
    if (flag.getName().toLowerCase() !== 'exclude') continue;
    const value = flag.getValue();
    if (value === null || value.includes('$')) return null;
    values.push(value);
  }
  return compilePatterns(values);
}

function listOf(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]!}`;
}

/**
 * A new `.dockerignore` with the missing entries, or the missing entries appended to the file in effect,
 * with that file's line breaks (a new file takes the Dockerfile's).
 */
function ignoreFix(context: BuildContextInfo, file: string, missing: Directory[], eol: string, t: Translate<RuleKey<'copy-context-unfiltered'>>): Fix {
  const names = listOf(missing.map((d) => d.name), t('and'));
  if (context.dockerignore === null || context.dockerignore === undefined) {
    const nl = eol === '\r\n' ? '\r\n' : '\n';
    const text = missing.flatMap((d) => d.lines).map((l) => l + nl).join('');
    return { title: t('create', { file: DOCKERIGNORE, names }), safety: 'unsafe', edits: [], fileEdits: [{ path: DOCKERIGNORE, kind: 'create', text }] };
  }
  const existing = context.dockerignore;
  const nl = /[\r\n]/.test(existing) ? lineBreakOf(existing) : eol === '\r\n' ? '\r\n' : '\n';
  const text = missing.map((d) => d.name + nl).join('');
  return { title: t('append', { names, file }), safety: 'unsafe', edits: [], fileEdits: [{ path: file, kind: 'append', text }] };
}
