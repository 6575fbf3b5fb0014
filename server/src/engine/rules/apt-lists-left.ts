import { defineRule } from '../defineRule.js';
import { appendToRun } from '../edits.js';
import { APT_LISTS_ESTIMATE, aptListsLeft, needsAptLists, needsListsBeforeUpdate } from '../model/aptLists.js';
import { subcommand } from '../model/commands.js';
import { PACKAGE_MANAGERS } from '../model/packageManagers.js';
import { runsOf, type DockerfileModel, type Inst, type RunInfo, type Stage } from '../model/model.js';
import { packageCacheMountFix } from '../cacheMount.js';

const APT_OPTIONS_WITH_VALUE = PACKAGE_MANAGERS.apt.optionsWithValue;

export default defineRule('apt-lists-left', {
  check({ model, report, t, locale }) {
    const shipped = model.stages.filter((s) => s.ships);
    const later = new LaterNeeds(model);
    const leftBy = aptListsLeft(model);
    for (const inst of runsOf(shipped)) {
      const update = leftBy.get(inst);
      if (!update) continue;
      const script = inst.run.script!;

      const sub = subcommand(update, APT_OPTIONS_WITH_VALUE)!;
      const installsHere = script.commands.some(needsAptLists);
      const laterNeed = later.find(inst);
      const fixes = [];
      let message = t('leftHere', { cmd: update.name! });
      if (laterNeed) {
        message = t(installsHere ? 'laterInstall' : 'ownRun', { cmd: update.name!, line: laterNeed.range.start.line + 1 });
      } else {
        const edits = appendToRun(model, inst, 'rm -rf /var/lib/apt/lists/*');
        if (edits) fixes.push({ title: t('fix'), safety: 'safe' as const, edits });
        const mount = packageCacheMountFix(model, inst, 'apt', update, locale);
        if (mount) fixes.push(mount);
      }
      report({
        range: model.lines.range(update.nameWord!.start, sub.word.end),
        message,
        fixes,
        estimate: { ...APT_LISTS_ESTIMATE },
      });
    }
  },
});

/**
 * Finds, for a RUN, a later RUN in its stage or in a stage built FROM it that installs with apt without
 * updating first. Each RUN is examined once and each stage's descendants are computed once, so a file with
 * thousands of chained stages stays linear-ish rather than cubic.
 */
class LaterNeeds {
  /** RUNs that install with apt without an update before, in document order; listed when first asked for. */
  private needy: (Inst & { run: RunInfo })[] | null = null;
  private readonly descendants = new Map<Stage, Set<Stage>>();

  constructor(private readonly model: DockerfileModel) {}

  find(inst: Inst & { run: RunInfo }): Inst | null {
    this.needy ??= runsOf(this.model.stages).filter((other) => needsListsBeforeUpdate(other.run));
    if (!inst.stage || this.needy.length === 0) return null;
    const family = this.family(inst.stage);
    return this.needy.find((other) => other.stage !== null && family.has(other.stage) && (other.stage !== inst.stage || other.start > inst.start)) ?? null;
  }

  /** The stage and every stage built FROM it, directly or not (a parent always comes before its children). */
  private family(stage: Stage): Set<Stage> {
    let set = this.descendants.get(stage);
    if (!set) {
      set = new Set([stage]);
      for (const s of this.model.stages) if (s.index > stage.index && s.parent && set.has(s.parent)) set.add(s);
      this.descendants.set(stage, set);
    }
    return set;
  }
}
