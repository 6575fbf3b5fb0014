import { parseImageRef } from '../catalog/imageRef.js';
import { slimTagFor } from '../catalog/images.js';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { installedToolchain, isCCompilerPackage } from '../model/builds.js';
import { subcommand } from '../model/commands.js';
import { runsOf } from '../model/model.js';
import type { ShellCommand, ShellWord } from '../model/shell.js';
import { stageImageFacts, stageImageRef } from '../model/stageFacts.js';

type Ecosystem = 'python' | 'ruby' | 'node';


const PIP_ONLY = new Set(['pip', 'setuptools', 'wheel']);

export default defineRule('musl-source-builds', {
  check({ model, report, t }) {
    for (const stage of model.stages) {
      const facts = stageImageFacts(stage);
      if (!facts || facts.libc !== 'musl' || facts.distro !== 'alpine') continue;
      for (const inst of runsOf([stage])) {
        if (inst.onbuild) continue;
        for (const cmd of inst.run.script?.commands ?? []) {
          const hit = packageInstall(cmd);
          if (!hit) continue;
          const compilers = installedToolchain(stage, inst, cmd.start, isCCompilerPackage);
          if (compilers.length === 0) continue;
          const alternative = slimAlternative(stage, hit.ecosystem, t);
          report({
            range: model.lines.range(hit.start, hit.end),
            message: t('compiles', { label: hit.label, compilers: compilers.join(', '), what: t(hit.ecosystem), alternative }),
          });
          break;
        }
      }
    }
  },
});

interface Hit {
  ecosystem: Ecosystem;
  label: string;
  start: number;
  end: number;
}

/** The commands `packageInstall` reads (the others are passed over before their words are read). */
const INSTALLERS = /^(?:pip\d*(?:\.\d+)?|python\d*(?:\.\d+)?|gem|bundle|npm)$/;
const PIP_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--target', '-t', '--prefix', '--root']);

/** `pip install`, `gem install`, `bundle install`, `npm install|ci`: the words and the ecosystem. */
function packageInstall(cmd: ShellCommand): Hit | null {
  const name = cmd.name;
  if (!name || !cmd.nameWord || !INSTALLERS.test(name)) return null;
  const sub = subcommand(cmd, PIP_OPTIONS_WITH_VALUE);
  const word = (w: ShellWord, label: string, ecosystem: Ecosystem): Hit => ({ ecosystem, label, start: cmd.nameWord!.start, end: w.end });
  if (/^pip\d*(?:\.\d+)?$/.test(name)) {
    if (sub?.word.value !== 'install' || onlyBinaries(cmd) || onlyPip(cmd, sub.index)) return null;
    return word(sub.word, `${name} install`, 'python');
  }
  if (/^python\d*(?:\.\d+)?$/.test(name)) {
    const vals = cmd.args.map((a) => a.value);
    const m = vals.indexOf('-m');
    if (m < 0 || !/^pip\d*$/.test(vals[m + 1] ?? '') || vals[m + 2] !== 'install') return null;
    if (onlyBinaries(cmd) || onlyPip(cmd, m + 2)) return null;
    return word(cmd.args[m + 2]!, `${name} -m pip install`, 'python');
  }
  if (name === 'gem' && sub?.word.value === 'install') return word(sub.word, 'gem install', 'ruby');
  if (name === 'bundle' && (sub === null || sub.word.value === 'install')) return sub ? word(sub.word, 'bundle install', 'ruby') : word(cmd.nameWord, 'bundle', 'ruby');
  if (name === 'npm' && sub && ['install', 'i', 'ci'].includes(sub.word.value ?? '')) {
    // `npm install <pkg>` of a global CLI still builds native dependencies, so every form counts.
    return word(sub.word, `npm ${sub.word.value}`, 'node');
  }
  return null;
}

function onlyBinaries(cmd: ShellCommand): boolean {
  return cmd.args.some((a) => a.value !== null && /^--only-binary(?:=|$)/.test(a.value) && (a.value.includes(':all:') || cmd.args.some((b) => b.value === ':all:')));
}

/** `pip install --upgrade pip setuptools wheel`: pure-Python tools, nothing to compile. */
function onlyPip(cmd: ShellCommand, subIndex: number): boolean {
  const operands = cmd.args.slice(subIndex + 1).filter((a) => a.value === null || !a.value.startsWith('-'));
  return operands.length > 0 && operands.every((a) => a.value !== null && PIP_ONLY.has(a.value.replace(/^["']|["']$/g, '').replace(/[=<>~!].*$/, '').toLowerCase()));
}

/** `python:3.12-slim` for `python:3.12-alpine`; a generic phrase when the image is plain Alpine. */
function slimAlternative(stage: Parameters<typeof stageImageRef>[0], ecosystem: Ecosystem, t: Translate<RuleKey<'musl-source-builds'>>): string {
  const ref = stageImageRef(stage);
  const facts = stageImageFacts(stage);
  const family = { python: 'python', ruby: 'ruby', node: 'node' }[ecosystem];
  if (ref && facts?.family === family && ref.tag) {
    const rest = ref.tag.replace(/-?alpine[\d.]*/, '').replace(/^-|-$/g, '') || 'latest';
    const full = parseImageRef(`${ref.familiarName}:${rest}`);
    const slim = full ? slimTagFor(full) : null;
    if (slim) return t('slimImage', { image: `${ref.familiarName}:${slim}` });
  }
  return t('anySlim', { family });
}
