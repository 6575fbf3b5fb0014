/**
 * Rust: when the build stage installs a musl target (`rustup target add x86_64-unknown-linux-musl`), build
 * for it (`--target`) and run the static binary on `scratch`; a build that is static already (musl target,
 * `+crt-static`, an Alpine builder) does too. Otherwise the glibc-linked binary runs on the slim image of the
 * builder's Debian release. The CA bundle is copied from the build stage either way.
 */
import { artifactsOf } from '../model/artifacts.js';
import { optionValues, subcommand } from '../model/commands.js';
import { joinPath } from '../model/stageFacts.js';
import { builderHasCaBundle, commandsOf, dynamicRuntime, isRefusal, pickArtifact, scratchRuntime, startProgram, type BuildOutput } from './common.js';
import type { EcosystemPlan, OffsetEdit, Refusal, SplitContext } from './types.js';

/** The musl target that `rustup target add` installs in the stage, if any. */
function muslTarget(ctx: SplitContext): string | null {
  for (const { cmd } of commandsOf(ctx)) {
    if (cmd.name !== 'rustup') continue;
    const vals = cmd.args.map((a) => a.value);
    if (vals[0] !== 'target' || (vals[1] !== 'add' && vals[1] !== 'install')) continue;
    const t = vals.slice(2).find((v) => v !== null && /^[a-z0-9_]+-unknown-linux-musl\w*$/.test(v));
    if (t) return t;
  }
  return null;
}

export function planRust(ctx: SplitContext): EcosystemPlan | Refusal {
  const artifacts = artifactsOf(ctx.stage).filter((a) => a.kind === 'rust' && a.inst.stage === ctx.stage && !a.inst.onbuild);
  const musl = muslTarget(ctx);
  const program = startProgram(ctx);
  if (typeof program !== 'string') return program;
  const edits: OffsetEdit[] = [];
  /** Outputs as built after the changes (musl builds moved to the target's directory), and as built before. */
  const moved: BuildOutput[] = [];
  const unmoved: BuildOutput[] = [];
  let allStatic = artifacts.length > 0;
  for (const a of artifacts) {
    const sub = subcommand(a.cmd);
    // `cargo install --path .` names the program after the package (Cargo.toml, not in the Dockerfile) and
    // puts it in a directory on PATH: a program the image starts by bare name is taken to be it.
    const installed = sub?.word.value === 'install' && a.name === null && !program.includes('/');
    const output: BuildOutput = { dir: a.dir, name: a.name, ...(installed ? { guess: program } : {}) };
    unmoved.push(output);
    const buildsForHost = sub?.word.value === 'build' && optionValues(a.cmd, ['--target']).length === 0 && !a.cmd.assignments.some((x) => x.name === 'CARGO_BUILD_TARGET');
    if (a.linking !== 'static' && musl && buildsForHost && a.dir !== null) {
      const profile = a.dir.slice(a.dir.lastIndexOf('/') + 1);
      const targetDir = a.dir.slice(0, a.dir.lastIndexOf('/')) || '/';
      const musled: BuildOutput = { ...output, movedDir: joinPath(targetDir, `${musl}/${profile}`) };
      // Only when the started program is this output: a program found elsewhere would not move with it.
      if (!pickArtifact(ctx, [musled], program).placeholder) {
        edits.push({ start: sub!.word.end, end: sub!.word.end, text: a.cmd.json ? `, "--target", ${JSON.stringify(musl)}` : ` --target ${musl}` });
        moved.push(musled);
        continue;
      }
    }
    if (a.linking !== 'static') allStatic = false;
    moved.push(output);
  }
  const runtime = allStatic ? scratchRuntime() : dynamicRuntime(ctx, 'the Rust program (built for the glibc target)');
  if (isRefusal(runtime)) return runtime;
  const copy = pickArtifact(ctx, allStatic ? moved : unmoved, program);
  return {
    ecosystem: 'rust',
    runtime,
    edits: allStatic ? edits : [],
    insertBefore: [],
    builderTail: [],
    copies: [copy],
    runtimeEnv: [],
    caBundle: builderHasCaBundle(ctx),
  };
}
