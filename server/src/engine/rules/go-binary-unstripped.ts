import { defineRule } from '../defineRule.js';
import { insertAt, insertArgAfter } from '../edits.js';
import { cached } from '../memo.js';
import { artifactsOf, copySourcePath, matchArtifact, type Artifact } from '../model/artifacts.js';
import { chainOf } from '../model/chain.js';
import { subcommand } from '../model/commands.js';
import { copiesOf } from '../model/copies.js';
import { runsOf, type DockerfileModel, type Stage } from '../model/model.js';
import { commandQuery, commandsWhere } from '../model/runs.js';
import type { Fix } from '../types.js';

/** Commands that strip or pack a program after it is built. */
const STRIPPERS = /^(?:(?:[\w.-]+-)?strip|upx|objcopy|sstrip)$/;

/** The commands that strip or pack a program. */
const STRIPS = commandQuery((c) => c.name !== null && STRIPPERS.test(c.name));

export default defineRule('go-binary-unstripped', {
  check({ model, report, t }) {
    const shipped = model.stages.filter((s) => s.ships);
    // Whether a stage's own RUNs strip, read once per stage (each stage's chain asks about the stages before it).
    const stageStrips = new Map<Stage, boolean>();
    const ownStrips = (stage: Stage): boolean =>
      cached(stageStrips, stage, (s) => runsOf([s]).some((r) => commandsWhere(r.run, STRIPS).length > 0));
    const stripsIn = (stage: Stage): boolean => chainOf(stage).some(ownStrips);
    // The stages a shipped stage's strip comes after: read when the first unstripped Go build is met (most files
    // have none, and their commands are then never matched against the strippers).
    let strippedLater: Set<Stage> | null = null;
    const stripped = (stage: Stage): boolean => {
      if (strippedLater === null) {
        strippedLater = new Set<Stage>();
        for (const s of shipped) if (stripsIn(s)) for (const t of chainOf(s)) strippedLater.add(t);
      }
      return strippedLater.has(stage) || stripsIn(stage);
    };

    const found = new Set<Artifact['cmd']>();
    const consider = (a: Artifact): void => {
      if (a.kind !== 'go' || !a.strip || found.has(a.cmd)) return;
      if (a.strip.stripped !== false || a.strip.special || a.inst.onbuild) return;
      if (stripped(a.inst.stage!)) return;
      found.add(a.cmd);
      const sub = subcommand(a.cmd);
      if (!sub || !a.cmd.nameWord) return;
      const fix = fixFor(model, a, t('fix'));
      report({
        range: model.lines.range(a.cmd.nameWord.start, sub.word.end),
        message: t('unstripped', { label: a.label }),
        fixes: fix ? [fix] : [],
      });
    };
    // Built in a stage that ships.
    for (const s of shipped) for (const a of artifactsOf(s)) if (a.inst.stage === s) consider(a);
    // Built in a builder stage and copied into one that ships.
    for (const copy of copiesOf(model, shipped)) {
      const source = copy.fromStage;
      if (!source || source.ships || copy.heredoc) continue;
      const artifacts = artifactsOf(source).filter((a) => a.kind === 'go');
      for (const word of copy.sources) {
        if (word.value === null) continue;
        const path = copySourcePath(word.value);
        if (path === null) continue;
        const exact = artifacts.filter((a) => matchArtifact(a, path) === 'exact');
        const maybe = exact.length > 0 ? [] : artifacts.filter((a) => matchArtifact(a, path) === 'maybe');
        // A copy that may be one of several programs is not known to be the one at fault.
        for (const a of exact.length > 0 ? exact : maybe.length === 1 ? maybe : []) consider(a);
      }
    }
  },
});

/** Adds `-s -w` to the link flags: a new `-ldflags` when there is none, else inside its quoted value. */
function fixFor(model: DockerfileModel, a: Artifact, title: string): Fix | null {
  const sub = subcommand(a.cmd);
  if (!sub) return null;
  const ld = a.strip!.ldflags;
  // The command line's -ldflags replaces GOFLAGS' (a version stamped with -X would be lost).
  if (!ld && a.strip!.ldflagsInGoflags) return null;
  if (!ld) {
    const arg = a.cmd.json ? '-ldflags=-s -w' : '-ldflags="-s -w"';
    return { title, safety: 'safe', edits: [insertArgAfter(model, a.cmd, sub.word, arg)] };
  }
  if (a.cmd.json) return null;
  // `-ldflags "…"`, `-ldflags '…'`, `-ldflags="…"`: insert after the opening quote.
  const word = ld.value ?? ld.word;
  const text = model.text.slice(word.start, word.end);
  const prefix = ld.value ? '' : /^--?ldflags=/.exec(text)?.[0] ?? null;
  if (prefix === null) return null;
  const quote = text[prefix.length];
  if (quote !== '"' && quote !== "'") return null;
  return { title, safety: 'safe', edits: [insertAt(model, word.start + prefix.length + 1, '-s -w ')] };
}
