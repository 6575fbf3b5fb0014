import { defineRule } from '../defineRule.js';
import { insertArgAfter } from '../edits.js';
import { findOption, optionValues, subcommand } from '../model/commands.js';
import { runsOf, type Inst, type Stage } from '../model/model.js';

const APT = ['apt-get', 'apt'];
const APT_OPTIONS_WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);
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
          fixes: [
            {
              title: 'Add --no-install-recommends',
              safety: 'unsafe',
              edits: [insertArgAfter(model, cmd, sub.word, '--no-install-recommends')],
            },
          ],
        });
      }
    }
  },
});

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
