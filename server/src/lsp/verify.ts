import type { CancellationToken } from 'vscode-languageserver/node';
import { formatMeasured } from '../engine/index.js';
import { BuildError } from '../node/builder.js';
import { NoBuilderError } from '../node/measure.js';
import { describeSmoke } from '../node/smoke.js';
import { verifySlim } from '../node/verify.js';
import { isDockerfileUri } from './diagnostics.js';
import { stringList, type MeasureDeps } from './measure.js';
import { Notifications, type VerifyRequestOptions, type VerifyResult } from './protocol.js';
import { describe, filePath } from './settings.js';

/**
 * "Verify by building" after "Slim this Dockerfile": builds the text from before the command and the
 * document's text (the Dockerfile's folder is the context of both), runs a container of each, and reports
 * the measured saving next to the estimate. Changes nothing; the images and containers are removed by
 * `verifySlim`. Cancelling the request stops the build or the container.
 */
export async function verifyDocument(args: unknown[], deps: MeasureDeps, token?: CancellationToken): Promise<VerifyResult | null> {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  if (!uri || !isDockerfileUri(uri)) return null;
  const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as Partial<VerifyRequestOptions>;
  if (typeof options.original !== 'string') return null;
  const path = filePath(uri);
  if (path === null) return { ok: false, failure: 'cannot-verify', message: 'Dockerfile Slim: only a Dockerfile on disk can be verified (its folder is the build context).' };
  await deps.ready;
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const slim = doc.getText();
  const estimatedBytes = typeof options.estimatedBytes === 'number' && options.estimatedBytes > 0 ? options.estimatedBytes : null;
  if (slim === options.original) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: 'Dockerfile Slim: nothing to verify: the text is the same as before "Slim this Dockerfile".' };
  const controller = new AbortController();
  const cancel = token?.onCancellationRequested(() => controller.abort());
  try {
    const v = await verifySlim(path, options.original, slim, estimatedBytes ?? 0, {
      builders: stringList(options.builders),
      flags: stringList(options.buildFlags),
      runFlags: stringList(options.runFlags),
      signal: controller.signal,
      onLog: (text) => deps.notify(Notifications.buildLog, { uri, text }),
      onProgress: (message) => deps.notify(Notifications.measureProgress, { uri, message }),
    });
    const sizes = { builder: v.builder, originalBytes: v.originalBytes, slimBytes: v.slimBytes, estimatedBytes };
    if (v.slimBytes === null) {
      return { ok: false, failure: 'slim-build', ...sizes, message: `Dockerfile Slim: the slimmed Dockerfile does not build with ${v.builder} (the original does); the build log is in the "Dockerfile Slim: build" output.` };
    }
    const measured = `original ${formatMeasured(v.originalBytes)}, slimmed ${formatMeasured(v.slimBytes)}`;
    if (!v.ok) {
      return { ok: false, failure: 'slim-run', ...sizes, message: `Dockerfile Slim: the slimmed image builds (${measured}) but does not run like the original: ${v.problem}.` };
    }
    const saved = v.originalBytes - v.slimBytes;
    const saving = saved >= 0 ? `${formatMeasured(saved)} saved` : `${formatMeasured(-saved)} larger`;
    const estimate = estimatedBytes !== null ? ` (estimated ≈ ${formatMeasured(estimatedBytes)})` : ' (no estimate)';
    const o = describeSmoke(v.original);
    const sl = describeSmoke(v.slim!);
    const sameLine = v.original.answered.length === 0 && v.original.state === 'exited' ? ', with the same first line' : '';
    const containers = `the slimmed container ${sl}${o === sl ? " like the original's" : ` (the original's ${o})`}${sameLine}`;
    return { ok: true, ...sizes, message: `Dockerfile Slim: verified by building with ${v.builder}: ${measured}, ${saving}, measured${estimate}; ${containers}.` };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: 'Dockerfile Slim: verifying cancelled; the build was stopped.' };
    if (error instanceof NoBuilderError) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: `Dockerfile Slim: ${error.message}` };
    if (error instanceof BuildError) {
      return { ok: false, failure: 'cannot-verify', estimatedBytes, message: `Dockerfile Slim: cannot verify: the original Dockerfile does not build (${error.message.replace(/: .*$/s, '')}); the build log is in the "Dockerfile Slim: build" output.` };
    }
    deps.log(`Verifying ${uri} failed: ${describe(error)}`);
    return { ok: false, failure: 'cannot-verify', estimatedBytes, message: `Dockerfile Slim: verifying failed: ${describe(error)}` };
  } finally {
    cancel?.dispose();
  }
}
