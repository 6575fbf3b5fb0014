import { spawn } from 'node:child_process';
import type { Locale } from '../engine/index.js';
import { nt } from './messages.js';

/**
 * The container builders Dockerfile Slim can drive, and how: each keeps one layer per instruction
 * (`--layers`; Docker always does), saves the image as a `docker-archive` and gives its own size. The
 * builder is used as the user configured it (a `docker buildx` remote builder included: the image is
 * loaded back with `--load`). Extra flags (`--isolation chroot`, `--network host`, …) come from the caller.
 */
export type BuilderName = 'docker' | 'podman' | 'buildah';
export const SUPPORTED_BUILDERS: readonly BuilderName[] = ['docker', 'podman', 'buildah'];

export interface Builder {
  name: BuilderName;
  /** Executable to run (the name unless an environment override points elsewhere). */
  command: string;
  /** Docker only: `docker buildx` is there. */
  buildx?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Streams stdout and stderr as they come (the build log). */
  onOutput?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a program without a shell; never throws for a non-zero exit, only when it cannot start. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd, signal: options.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stdout += text;
      options.onOutput?.(text);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      options.onOutput?.(text);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** No builder could be used: none of those asked for is installed, or a name is not one we support. */
export class NoBuilderError extends Error {
  constructor(
    readonly key: 'noBuilder' | 'unknownBuilder',
    readonly args: Record<string, string>,
  ) {
    super(nt('en', key, args));
  }

  /** The message in a locale. */
  text(locale: Locale | undefined): string {
    return nt(locale, this.key, this.args);
  }
}

/** The first builder of `order` that can build (answers `--version`; Docker: reaches its daemon); null when none can. */
export async function findBuilder(order: readonly string[] = SUPPORTED_BUILDERS, env: NodeJS.ProcessEnv = process.env): Promise<Builder | null> {
  for (const name of order) {
    if (!(SUPPORTED_BUILDERS as readonly string[]).includes(name)) throw new NoBuilderError('unknownBuilder', { name, supported: SUPPORTED_BUILDERS.join(', ') });
    const command = name;
    // `docker --version` answers without a daemon; `docker version` needs one (local, or the configured remote).
    const probe = name === 'docker' ? ['version', '--format', '{{.Server.Version}}'] : ['--version'];
    try {
      const version = await run(command, probe, { env });
      if (version.code !== 0) continue;
    } catch {
      continue;
    }
    const builder: Builder = { name: name as BuilderName, command };
    if (name === 'docker') builder.buildx = await run(command, ['buildx', 'version'], { env }).then((r) => r.code === 0, () => false);
    return builder;
  }
  return null;
}

export function noBuilderError(order: readonly string[]): NoBuilderError {
  return new NoBuilderError('noBuilder', { tried: order.join(', ') });
}

export interface BuildRequest {
  dockerfile: string;
  context: string;
  tag: string;
  target?: string;
  /** Passed to the builder before the context (e.g. `--isolation chroot`, `--build-arg X=1`). */
  flags?: readonly string[];
}

export function buildArgs(builder: Builder, request: BuildRequest): string[] {
  const common = ['-f', request.dockerfile, '-t', request.tag, ...(request.target ? ['--target', request.target] : []), ...(request.flags ?? [])];
  switch (builder.name) {
    case 'docker':
      return builder.buildx ? ['buildx', 'build', '--load', ...common, request.context] : ['build', ...common, request.context];
    case 'podman':
      return ['build', '--layers', '--force-rm', ...common, request.context];
    case 'buildah':
      return ['bud', '--layers', '--force-rm', ...common, request.context];
  }
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly log: string,
    /** Which step failed and how, for the message in another language (`step` without the builder's last line). */
    readonly failed?: { step: 'stepBuild' | 'stepSave'; command: string; verb: string; code: number },
  ) {
    super(message);
  }

  /** `the build failed (buildah bud exited with 1)` in a locale, without the builder's own last line. */
  step(locale: Locale | undefined): string {
    return this.failed ? nt(locale, this.failed.step, { command: this.failed.command, verb: this.failed.verb, code: this.failed.code }) : this.message.replace(/: .*$/s, '');
  }
}

async function must(builder: Builder, args: string[], step: 'stepBuild' | 'stepSave', options: RunOptions): Promise<RunResult> {
  const result = await run(builder.command, args, options);
  if (result.code !== 0) {
    const lines = (result.stderr.trim() || result.stdout.trim()).split('\n');
    const last = [...lines].reverse().find((l) => /^(Error|error):/.test(l.trim())) ?? lines[lines.length - 1] ?? '';
    const failed = { step, command: builder.command, verb: args[0] ?? '', code: result.code };
    throw new BuildError(`${nt('en', step, failed)}: ${last.trim()}`, result.stdout + result.stderr, failed);
  }
  return result;
}

export async function buildImage(builder: Builder, request: BuildRequest, options: RunOptions = {}): Promise<void> {
  await must(builder, buildArgs(builder, request), 'stepBuild', options);
}

/** Writes the image as a docker-archive (uncompressed layers for podman and buildah). */
export async function saveImage(builder: Builder, tag: string, file: string, options: RunOptions = {}): Promise<void> {
  const args =
    builder.name === 'buildah'
      ? ['push', '--quiet', tag, `docker-archive:${file}:${tag}`]
      : builder.name === 'podman'
        ? ['save', '--quiet', '--format', 'docker-archive', '-o', file, tag]
        : ['save', '-o', file, tag];
  await must(builder, args, 'stepSave', options);
}

/**
 * The builder's own figure for the image's size in bytes. Buildah prints only rounded sizes, so for it
 * Podman is asked (same storage) when it is there; otherwise null.
 */
export async function imageSize(builder: Builder, tag: string, options: RunOptions = {}): Promise<number | null> {
  const command = builder.name === 'buildah' ? 'podman' : builder.command;
  try {
    const result = await run(command, ['image', 'inspect', '--format', '{{.Size}}', tag], options);
    const bytes = Number(result.stdout.trim());
    return result.code === 0 && Number.isFinite(bytes) ? bytes : null;
  } catch {
    return null;
  }
}

/** Removes the image (and the untagged layer images below it that only it used). */
export async function removeImage(builder: Builder, tag: string, options: RunOptions = {}): Promise<void> {
  await run(builder.command, builder.name === 'docker' ? ['image', 'rm', '--force', tag] : ['rmi', '--force', tag], options).catch(() => undefined);
}
