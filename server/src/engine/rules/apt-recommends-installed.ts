import { defineRule } from '../defineRule.js';
import { insertArgAfter, insertAt } from '../edits.js';
import { installOf, installedToolchain } from '../model/builds.js';
import { findOption, optionValues, subcommand } from '../model/commands.js';
import { PACKAGE_MANAGERS } from '../model/packageManagers.js';
import { runsOf, type DockerfileModel, type Inst, type Stage } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import { imageHasCaBundle, stageImageFacts } from '../model/stageFacts.js';
import type { Fix } from '../types.js';

const APT = PACKAGE_MANAGERS.apt.commands;
const APT_OPTIONS_WITH_VALUE = PACKAGE_MANAGERS.apt.optionsWithValue;
const CONFIG_OFF = /APT::Install-Recommends\s*(?:=|\s)\s*\\?["']?\\?(?:false|0|no|off)\b/i;

export default defineRule({
  meta: {
    id: 'apt-recommends-installed',
    summary: '`apt-get install` without `--no-install-recommends` installs recommended packages too',
    rationale:
      'By default apt also installs every package the requested ones merely recommend: documentation tools, extra libraries, sometimes whole toolchains. They are rarely needed in a container and can double the size of the layer.',
    category: 'size',
    defaultSeverity: 'warning',
    fix: 'unsafe',
    related: ['hadolint:DL3015', 'trivy:DS-0029'],
  },
  check({ model, report }) {
    const shipped = model.stages.filter((s) => s.ships);
    const config = new RecommendsConfig();
    for (const inst of runsOf(shipped)) {
      const script = inst.run.script;
      if (!script) continue;
      if (config.disabledBefore(inst)) continue;
      for (const cmd of script.commands) {
        if (!cmd.name || !APT.includes(cmd.name)) continue;
        const sub = subcommand(cmd, APT_OPTIONS_WITH_VALUE);
        if (!sub || sub.word.value !== 'install') continue;
        if (findOption(cmd, ['--no-install-recommends'])) continue;
        // A simulation installs nothing.
        if (findOption(cmd, ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'], 's')) continue;
        if (optionValues(cmd, ['-o', '--option']).some((v) => CONFIG_OFF.test(v.replace('=', ' ')))) continue;
        const start = cmd.nameWord!.start;
        report({
          range: model.lines.range(start, sub.word.end),
          message: `\`${cmd.name} install\` without \`--no-install-recommends\` also installs the packages these recommend.`,
          fixes: [recommendsFix(model, inst, cmd, sub.word)],
        });
      }
    }
  },
});

/**
 * Recommends that a common use of a package depends on, checked with `apt-cache show` on Debian bookworm:
 * `gcc` and `gcc-12` only recommend `libc6-dev` (without it, `#include <stdio.h>` fails), while `g++`,
 * `gfortran`, `clang` and `build-essential` depend on it; `curl` (through `libcurl4`), `wget` and `git` only
 * recommend `ca-certificates` (without it, every HTTPS download fails certificate verification).
 */
interface LoadBearing {
  /** The package whose recommends are needed. */
  needs: (name: string) => boolean;
  /** What to add. */
  add: string;
  /** Packages that bring it anyway (itself, or by Depends). */
  brings: (name: string) => boolean;
  /** The stage's image has it already. */
  inImage: (stage: Stage) => boolean;
}

const LOAD_BEARING: readonly LoadBearing[] = [
  {
    needs: (n) => /^gcc(?:-\d+)?$/.test(n),
    add: 'libc6-dev',
    brings: (n) => /^(?:libc6-dev|libc-dev|build-essential|g\+\+|gfortran|clang|libstdc\+\+-\d+-dev)(?:-\d+)?$/.test(n),
    inImage: imageHasLibcDev,
  },
  {
    needs: (n) => n === 'curl' || n === 'wget' || n === 'git',
    add: 'ca-certificates',
    brings: (n) => n === 'ca-certificates',
    inImage: (stage) => imageHasCaBundle(stageImageFacts(stage)),
  },
];

/**
 * `--no-install-recommends` after `install`, plus, before the first package, the recommends the listed
 * packages need to do their usual job (see LOAD_BEARING), unless the command, an earlier install of the
 * stage chain or the image brings them.
 */
function recommendsFix(model: DockerfileModel, inst: Inst, cmd: ShellCommand, sub: ShellCommand['args'][number]): Fix {
  const install = installOf(cmd);
  const names = (install?.packages ?? []).map((p) => p.name).filter((n): n is string => n !== null);
  const added: { add: string; for: string }[] = [];
  for (const lb of LOAD_BEARING) {
    const needer = names.find(lb.needs);
    if (needer === undefined || names.some(lb.brings)) continue;
    if (inst.stage && (lb.inImage(inst.stage) || installedToolchain(inst.stage, inst, cmd.start, lb.brings).length > 0)) continue;
    added.push({ add: lb.add, for: needer });
  }
  const edits = [insertArgAfter(model, cmd, sub, '--no-install-recommends')];
  // Before the first package: after the last one is where other fixes append to the RUN, and overlapping
  // fixes wait for the next round.
  const first = install?.packages[0]?.word;
  if (added.length === 0 || !first) return { title: 'Add --no-install-recommends', safety: 'unsafe', edits };
  const text = cmd.json ? added.map((a) => `${JSON.stringify(a.add)}, `).join('') : added.map((a) => `${a.add} `).join('');
  edits.push(insertAt(model, first.start, text));
  const why = added.map((a) => `${a.add}, which ${a.for} only recommends`).join(', and ');
  return { title: `Add --no-install-recommends (and ${why})`, safety: 'unsafe', edits };
}

/**
 * The image has `libc6-dev` with its C compiler: images built on buildpack-deps (gcc, the full node,
 * python and ruby images), golang and rust (slim included), per their Dockerfiles.
 */
function imageHasLibcDev(stage: Stage): boolean {
  const facts = stageImageFacts(stage);
  if (!facts || facts.libc !== 'glibc') return false;
  if (facts.family === 'golang' || facts.family === 'rust') return true;
  return facts.isToolchain && ['gcc', 'buildpack-deps', 'node', 'python', 'ruby'].includes(facts.family);
}

/**
 * Whether an earlier RUN of the stage, or any RUN of a stage it builds FROM, turned recommends off in apt's
 * config. Each stage is looked at once (reading an instruction's raw text is not cheap in dockerfile-ast).
 */
class RecommendsConfig {
  /** Start offset of the first RUN of the stage that turns recommends off, or null. */
  private readonly firstOff = new Map<Stage, number | null>();
  private readonly inherited = new Map<Stage, boolean>();

  disabledBefore(inst: Inst): boolean {
    const stage = inst.stage;
    if (!stage) return false;
    const first = this.firstOffIn(stage);
    if (first !== null && first < inst.start) return true;
    return stage.parent !== null && this.anywhere(stage.parent);
  }

  private firstOffIn(stage: Stage): number | null {
    if (!this.firstOff.has(stage)) {
      const off = stage.instructions.find((i) => i.keyword === 'RUN' && CONFIG_OFF.test(i.node.getRawArgumentsContent() ?? ''));
      this.firstOff.set(stage, off ? off.start : null);
    }
    return this.firstOff.get(stage)!;
  }

  /** The stage or one of its ancestors turns recommends off somewhere. */
  private anywhere(stage: Stage): boolean {
    // Walk up to the first stage already known, then fill in the answers on the way back down.
    const path: Stage[] = [];
    let s: Stage | null = stage;
    while (s && !this.inherited.has(s)) {
      path.push(s);
      s = s.parent;
    }
    let answer = s ? this.inherited.get(s)! : false;
    for (let i = path.length - 1; i >= 0; i--) {
      answer = answer || this.firstOffIn(path[i]!) !== null;
      this.inherited.set(path[i]!, answer);
    }
    return answer;
  }
}
