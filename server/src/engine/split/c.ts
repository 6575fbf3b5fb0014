/**
 * C and C++: a program compiled with `gcc`/`g++`/`cc`/`clang` and linked only with the C and C++ standard
 * libraries is linked statically (`-static -s`) and runs on `scratch`. A build through `make` (whose link
 * line is not visible) or one that links other libraries stays dynamic and runs on the slim image of the
 * builder's distribution release, with the runtime libraries of the `-dev` packages it installed.
 */
import { artifactsOf } from '../model/artifacts.js';
import { compileStep } from '../model/builds.js';
import { optionValues } from '../model/commands.js';
import { builderHasCaBundle, commandsOf, dynamicRuntime, followMoves, isRefusal, pickArtifact, scratchRuntime, startProgram } from './common.js';
import type { EcosystemPlan, OffsetEdit, Refusal, SplitContext } from './types.js';
import { both } from './messages.js';

/** Libraries every static toolchain has (`libm.a`, `libpthread.a`, `libstdc++.a`…). */
const STATIC_LIBS = new Set(['m', 'pthread', 'rt', 'dl', 'c', 'stdc++', 'gcc', 'util', 'crypt', 'atomic']);
/** Packages whose presence says the program talks TLS. */
const TLS_PACKAGES = /^(?:ca-certificates|openssl|libssl-dev|openssl-dev|libcurl\d*-\w+-dev|curl-dev|libgnutls28-dev)$/;

export function planC(ctx: SplitContext): EcosystemPlan | Refusal {
  const steps = commandsOf(ctx)
    .map(({ inst, cmd }) => compileStep(inst, cmd))
    .filter((s) => s !== null && (s.kind === 'c' || s.kind === 'make'));
  const usesMake = steps.some((s) => s!.kind === 'make');
  const links = artifactsOf(ctx.stage).filter((a) => a.kind === 'c' && a.inst.stage === ctx.stage && !a.inst.onbuild);
  let linkStatic = !usesMake && links.length > 0;
  for (const a of links) {
    if (a.linking === 'static') continue;
    if (a.cmd.args.some((w) => w.value === null)) linkStatic = false;
    if (optionValues(a.cmd, ['-l']).some((lib) => !STATIC_LIBS.has(lib))) linkStatic = false;
  }
  const edits: OffsetEdit[] = [];
  if (linkStatic) {
    for (const a of links) {
      if (a.linking === 'static' || !a.cmd.nameWord) continue;
      const strip = a.cmd.args.some((w) => w.value === '-s');
      const at = a.cmd.nameWord.end;
      edits.push({ start: at, end: at, text: a.cmd.json ? (strip ? ', "-static"' : ', "-static", "-s"') : strip ? ' -static' : ' -static -s' });
    }
  }
  const program = startProgram(ctx);
  if (typeof program !== 'string') return program;
  const copy = pickArtifact(ctx, followMoves(ctx, links.map((a) => ({ dir: a.dir, name: a.name })), program), program);
  const runtime = linkStatic ? scratchRuntime() : dynamicRuntime(ctx, both('whatProgram'));
  if (isRefusal(runtime)) return runtime;
  const talksTls = ctx.packages.names.some((n) => TLS_PACKAGES.test(n));
  return {
    ecosystem: 'c',
    runtime,
    edits,
    insertBefore: [],
    builderTail: [],
    copies: [copy],
    runtimeEnv: [],
    caBundle: runtime.staticProgram && talksTls && builderHasCaBundle(ctx),
  };
}
