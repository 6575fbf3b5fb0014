import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { measureReport, type Finding, type Locale, type MeasureReport } from '../engine/index.js';
import { buildImage, findBuilder, imageSize, noBuilderError, NoBuilderError, removeImage, saveImage, SUPPORTED_BUILDERS, type Builder, type RunOptions } from './builder.js';
import { readDockerArchive } from './imageArchive.js';
import { nt } from './messages.js';

export { NoBuilderError };

export interface MeasureOptions {
  /** Builders to try, in order (default: docker, podman, buildah). */
  builders?: readonly string[];
  /** Extra flags for the build command (e.g. `--isolation chroot`). */
  flags?: readonly string[];
  /** Build context directory (default: the Dockerfile's directory). */
  context?: string;
  /** Stage to build (default: the last). */
  target?: string;
  /** Static findings, whose estimates the report shows beside the measured figures. */
  findings?: readonly Finding[];
  /** Build this text instead of the file's content (an unsaved editor buffer); the file's directory stays the context. */
  text?: string;
  signal?: AbortSignal;
  /** The build log, as it streams. */
  onLog?: (text: string) => void;
  /** Each phase, in words: building, saving, reading layers. */
  onProgress?: (phase: string) => void;
  /** The language of the progress phases (and of the verify summary): English by default. */
  locale?: Locale;
  env?: NodeJS.ProcessEnv;
  /** Runs once the image is built and measured, before it is removed (the smoke test of `fix --verify`). */
  afterBuild?: (builder: Builder, tag: string) => Promise<void>;
}

export interface Measurement {
  builder: Builder;
  report: MeasureReport;
  /** Seconds spent building. */
  buildSeconds: number;
}

/**
 * Builds the Dockerfile with the first builder found, keeping one layer per instruction; saves the image,
 * reads its layers and history, maps them to the lines and counts the waste. The image (with the layer
 * images only it used) and the saved archive are removed afterwards, whatever happens.
 */
export async function measureDockerfile(path: string, text: string, options: MeasureOptions = {}): Promise<Measurement> {
  const order = options.builders && options.builders.length > 0 ? options.builders : SUPPORTED_BUILDERS;
  const builder = await findBuilder(order, options.env);
  if (!builder) throw noBuilderError(order);
  const tag = `localhost/dockerfile-slim-measure:${randomBytes(6).toString('hex')}`;
  const work = mkdtempSync(join(tmpdir(), 'dockerfile-slim-measure-'));
  const runOptions: RunOptions = { signal: options.signal, onOutput: options.onLog, env: options.env };
  const dockerfile = options.text === undefined ? resolve(path) : join(work, basename(path) || 'Dockerfile');
  if (options.text !== undefined) writeFileSync(dockerfile, options.text);
  try {
    options.onProgress?.(nt(options.locale, 'phaseBuilding', { builder: builder.name }));
    const started = Date.now();
    await buildImage(builder, { dockerfile, context: resolve(options.context ?? dirname(path)), tag, target: options.target, flags: options.flags }, runOptions);
    const buildSeconds = (Date.now() - started) / 1000;
    options.onProgress?.(nt(options.locale, 'phaseSaving'));
    const archive = join(work, 'image.tar');
    await saveImage(builder, tag, archive, { ...runOptions, onOutput: undefined });
    const bytes = await imageSize(builder, tag, { env: options.env });
    options.onProgress?.(nt(options.locale, 'phaseReading'));
    const image = await readDockerArchive(archive, bytes);
    const report = measureReport(text, image, { target: options.target, findings: options.findings });
    await options.afterBuild?.(builder, tag);
    return { builder, report, buildSeconds };
  } finally {
    await removeImage(builder, tag, { env: options.env });
    rmSync(work, { recursive: true, force: true });
  }
}
