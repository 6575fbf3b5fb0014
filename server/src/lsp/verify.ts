import type { CancellationToken } from 'vscode-languageserver/node';
import { formatMeasured } from '../engine/index.js';
import { BuildError } from '../node/builder.js';
import { NoBuilderError } from '../node/measure.js';
import { describeSmoke } from '../node/smoke.js';
import { verifySlim, type VerifyResult as Verified } from '../node/verify.js';
import { bt } from './buildMessages.js';
import { isDockerfileUri } from './diagnostics.js';
import { serverLocale } from './messages.js';
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
  if (path === null) return { ok: false, failure: 'cannot-verify', message: bt('notOnDiskVerify') };
  await deps.ready;
  const doc = deps.documents.get(uri);
  if (!doc) return null;
  const slim = doc.getText();
  const estimatedBytes = typeof options.estimatedBytes === 'number' && options.estimatedBytes > 0 ? options.estimatedBytes : null;
  if (slim === options.original) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: bt('nothingToVerify') };
  const controller = new AbortController();
  const cancel = token?.onCancellationRequested(() => controller.abort());
  try {
    const v = await verifySlim(path, options.original, slim, estimatedBytes ?? 0, {
      builders: stringList(options.builders),
      flags: stringList(options.buildFlags),
      runFlags: stringList(options.runFlags),
      locale: serverLocale(),
      signal: controller.signal,
      onLog: (text) => deps.notify(Notifications.buildLog, { uri, text }),
      onProgress: (message) => deps.notify(Notifications.measureProgress, { uri, message }),
    });
    const sizes = { builder: v.builder, originalBytes: v.originalBytes, slimBytes: v.slimBytes, estimatedBytes };
    if (v.slimBytes === null) return { ok: false, failure: 'slim-build', ...sizes, message: bt('slimNoBuild', { builder: v.builder }) };
    return { ok: v.ok, ...(v.ok ? {} : { failure: 'slim-run' as const }), ...sizes, message: verifiedMessage(v, estimatedBytes) };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: bt('verifyCancelled') };
    if (error instanceof NoBuilderError) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: bt('prefixed', { message: error.text(serverLocale()) }) };
    if (error instanceof BuildError) return { ok: false, failure: 'cannot-verify', estimatedBytes, message: bt('originalNoBuild', { error: error.step(serverLocale()) }) };
    deps.log(`Verifying ${uri} failed: ${describe(error)}`);
    return { ok: false, failure: 'cannot-verify', estimatedBytes, message: bt('verifyFailed', { error: describe(error) }) };
  } finally {
    cancel?.dispose();
  }
}

/**
 * The one-line result of a verify whose slimmed file built: the measured sizes and, when the slimmed container
 * ran like the original, the saving beside the estimate and how both containers behaved; else what went wrong.
 */
export function verifiedMessage(v: Verified, estimatedBytes: number | null): string {
  const locale = serverLocale();
  const sizes = bt('sizes', { original: formatMeasured(v.originalBytes), slim: formatMeasured(v.slimBytes ?? 0) });
  if (!v.ok || !v.slim) return bt('slimNoRun', { sizes, problem: v.problem ?? '' });
  const saved = v.originalBytes - (v.slimBytes ?? 0);
  const saving = saved >= 0 ? bt('saved', { size: formatMeasured(saved) }) : bt('larger', { size: formatMeasured(-saved) });
  const estimate = estimatedBytes !== null ? bt('estimated', { size: formatMeasured(estimatedBytes) }) : bt('noEstimate');
  const o = describeSmoke(v.original, locale);
  const sl = describeSmoke(v.slim, locale);
  const same = v.original.answered.length === 0 && v.original.state === 'exited' ? bt('sameFirstLine') : '';
  const containers = o === sl ? bt('containersLike', { slim: sl, same }) : bt('containersDiffer', { slim: sl, original: o, same });
  return bt('verified', { builder: v.builder, sizes, saving, estimate, containers });
}
