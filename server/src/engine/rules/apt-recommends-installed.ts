import { defineRule } from '../defineRule.js';
import { insertArgAfter } from '../edits.js';
import { findOption, optionValues, subcommand } from '../model/commands.js';
import { firstBeforeInChain, type InstTest } from '../model/chain.js';
import { runsOf, type DockerfileModel, type Inst } from '../model/model.js';

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
    for (const inst of runsOf(shipped)) {
      const script = inst.run.script;
      if (!script) continue;
      if (configDisablesRecommends(model, inst)) continue;
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

/** An earlier instruction of this stage (or a stage it builds FROM) turned recommends off in apt's config. */
function configDisablesRecommends(model: DockerfileModel, inst: Inst): boolean {
  return firstBeforeInChain(model, inst, DISABLES_RECOMMENDS) !== null;
}

const DISABLES_RECOMMENDS: InstTest = (i) => i.keyword === 'RUN' && CONFIG_OFF.test(i.node.getRawArgumentsContent() ?? '');
