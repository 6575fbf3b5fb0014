import type { DockerfileModel, Inst, Stage } from '../model/model.js';
import type { BuildContextInfo } from '../types.js';
import type { BuilderImage, DebianRelease } from './images.js';
import type { InstalledPackages } from './packages.js';
import type { StartCommand } from './start.js';
import type { RunInst } from '../model/runs.js';

export type { RunInst };

export type Ecosystem = 'go' | 'c' | 'rust' | 'node' | 'python' | 'java';

/** A change of the original text, in document offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** No split, and why (one clause, e.g. "the CMD expands variables or commands"), in English and in Simplified Chinese. */
export interface Refusal {
  reason: string;
  zh: string;
}

/** What every ecosystem planner gets: the final stage, read once. */
export interface SplitContext {
  model: DockerfileModel;
  stage: Stage;
  image: BuilderImage | null;
  /** The stage's RUN instructions (ONBUILD triggers left out). */
  runs: RunInst[];
  /** The working directory at the end of the build stage (absolute). */
  workdir: string;
  /** The working directory in force at an instruction of the stage (absolute), null when unknown. */
  cwdAt(inst: Inst): string | null;
  /** Where the container starts: the working directory at the end of the stage. */
  startDir: string;
  /** Directories the application is put in before the split (never `/`), for interpreted runtimes. */
  appDirs: string[];
  start: StartCommand;
  packages: InstalledPackages;
  /** The name the build stage has or gets (`build`). */
  buildName: string;
  /** Writes a new instruction's keyword in the case the file uses. */
  kw(keyword: string): string;
  /** What the adapter knows of the build context (go.mod for cgo modules). */
  buildContext: BuildContextInfo;
}

export interface RuntimeChoice {
  image: string;
  hasShell: boolean;
  packageManager: 'apt' | 'apk' | null;
  release: DebianRelease | null;
  /** The program is statically linked: system packages of the build are not needed at run time. */
  staticProgram: boolean;
}

/** A file or directory copied from the build stage into the runtime stage. */
export interface ArtifactCopy {
  from: string;
  to: string;
  /** The source is not known: a placeholder the user must replace. */
  placeholder?: boolean;
  /** Written as this instruction instead of `COPY --from` (a COPY from the build context, repeated). */
  instruction?: string;
}

/** What an ecosystem planner decides; the shared part of the split (moving instructions, ARG/ENV, USER…) is done by `planSplit`. */
export interface EcosystemPlan {
  ecosystem: Ecosystem;
  runtime: RuntimeChoice;
  /** In-place changes of build commands (`CGO_ENABLED=0`, `-static`, `--target`). */
  edits: OffsetEdit[];
  /** New instructions inserted before the line at `offset` in the build stage (e.g. a virtualenv). */
  insertBefore: { offset: number; lines: string[] }[];
  /** New instructions at the end of the build stage (e.g. `RUN npm prune --omit=dev`). */
  builderTail: string[];
  copies: ArtifactCopy[];
  /** Instructions of the runtime stage after its WORKDIR (e.g. `ENV PATH=…`). */
  runtimeEnv: string[];
  /** Copy the CA bundle from the build stage. */
  caBundle: boolean;
  /** The split adds a virtualenv the original did not have (it costs space in the runtime stage). */
  addsVenv?: boolean;
  /** Words of CMD/ENTRYPOINT/HEALTHCHECK to replace (`/usr/local/bin/python` → `/opt/venv/bin/python`). */
  startRewrites?: { from: string; to: string }[];
}
