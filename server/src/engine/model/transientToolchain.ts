/**
 * A compile step whose toolchain comes and goes within its own RUN: nothing of it was installed before the
 * RUN, the RUN installs it before the step, and nothing of it is left after the RUN. Then the toolchain never
 * reaches a layer, whatever the base image: the step is not "building in the final stage", and the image's
 * own compilers (a full `python:3.12`) are not what it needs. One exception: steps whose toolchain is the
 * language's own (Go, Rust, a JDK with Maven or Gradle, the .NET SDK), which a toolchain base image provides
 * and the RUN cannot have purged.
 */
import { installedToolchain, type BuildKind, type CompileStep } from './builds.js';

/** Steps that use the language toolchain of a toolchain image rather than an installed C compiler. */
const LANGUAGE_TOOLCHAIN: ReadonlySet<BuildKind> = new Set(['go', 'rust', 'maven', 'gradle', 'javac', 'dotnet']);

/** The RUN installs, uses and purges the toolchain of this step (see above). ONBUILD triggers never are. */
export function toolchainComesAndGoes(step: CompileStep): boolean {
  const stage = step.inst.stage;
  if (!stage || step.inst.onbuild) return false;
  if (installedToolchain(stage, step.inst, step.cmd.start).length === 0) return false;
  return installedToolchain(stage, step.inst, step.inst.start).length === 0 && installedToolchain(stage, step.inst, Infinity).length === 0;
}

/** The step builds with the toolchain the base image provides when that image is a toolchain image. */
export function usesLanguageToolchain(step: CompileStep): boolean {
  return LANGUAGE_TOOLCHAIN.has(step.kind);
}

/**
 * The step leaves nothing of a toolchain in the image that it brought itself, and does not build with the
 * toolchain image it starts from (`baseIsToolchain`).
 */
export function isTransientBuild(step: CompileStep, baseIsToolchain: boolean): boolean {
  return toolchainComesAndGoes(step) && !(baseIsToolchain && usesLanguageToolchain(step));
}
