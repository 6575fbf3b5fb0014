/**
 * Go: build a static binary (`CGO_ENABLED=0`, `-ldflags="-s -w"`) and run it on `scratch` with the CA
 * bundle. A build that asks for cgo (`CGO_ENABLED=1`) keeps it and runs on the slim image of the
 * builder's Debian release.
 */
import { artifactsOf } from '../model/artifacts.js';
import { subcommand } from '../model/commands.js';
import { builderHasCaBundle, dynamicRuntime, isRefusal, pickArtifact, refuse, scratchRuntime, startProgram, type BuildOutput } from './common.js';
import type { EcosystemPlan, OffsetEdit, Refusal, SplitContext } from './types.js';

export function planGo(ctx: SplitContext): EcosystemPlan | Refusal {
  const artifacts = artifactsOf(ctx.stage).filter((a) => a.kind === 'go' && a.inst.stage === ctx.stage && !a.inst.onbuild);
  const edits: OffsetEdit[] = [];
  let cgo = false;
  for (const a of artifacts) {
    const { cmd, inst } = a;
    const own = cmd.assignments.find((x) => x.name === 'CGO_ENABLED');
    if (own && own.value !== '0' && own.value !== '1') return refuse('`CGO_ENABLED` is set from a variable, so whether the program needs a C library is not known');
    if (a.explicit) cgo = true;
    else if (a.linking !== 'static') {
      if (cmd.json) return refuse('`go build` runs in an exec-form RUN, where `CGO_ENABLED=0` cannot be set for it alone');
      edits.push({ start: cmd.start, end: cmd.start, text: 'CGO_ENABLED=0 ' });
    }
    const sub = subcommand(cmd);
    const hasLdflags = cmd.args.some((w) => w.value !== null && /^--?ldflags(?:=|$)/.test(w.value));
    if (sub && !hasLdflags) {
      // Exec form: a JSON argument; `["sh", "-c", "…"]`: shell text inside a JSON string.
      const text = cmd.json ? ', "-ldflags=-s -w"' : inst.run.form === 'exec' ? ' -ldflags=\\"-s -w\\"' : ' -ldflags="-s -w"';
      edits.push({ start: sub.word.end, end: sub.word.end, text });
    }
  }
  const program = startProgram(ctx);
  if (typeof program !== 'string') return program;
  const outputs: BuildOutput[] = artifacts.map((a) => ({ dir: a.dir, name: a.name }));
  const main = pickArtifact(ctx, outputs, program);
  const copies = [main];
  for (const o of outputs) {
    if (o.dir === null || o.name === null) continue;
    const path = `${o.dir === '/' ? '' : o.dir}/${o.name}`;
    if (path !== main.from) copies.push({ from: path, to: path });
  }
  const runtime = cgo ? dynamicRuntime(ctx, 'the program (built with cgo)') : scratchRuntime();
  if (isRefusal(runtime)) return runtime;
  if (runtime.staticProgram && ctx.packages.names.includes('tzdata')) copies.push({ from: '/usr/share/zoneinfo', to: '/usr/share/zoneinfo' });
  return {
    ecosystem: 'go',
    runtime,
    edits,
    insertBefore: [],
    builderTail: [],
    copies,
    runtimeEnv: [],
    caBundle: builderHasCaBundle(ctx),
  };
}
