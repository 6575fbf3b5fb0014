/**
 * Which download tool (curl or wget, with CA certificates) a RUN can count on at a point of a stage.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { chainOf } from './chain.js';
import { lookupImage } from '../catalog/images.js';
import { hasOption, optionValues } from './commands.js';
import type { Inst, Stage } from './model.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from './packages.js';

/** Image families whose full (buildpack-deps based) variants ship curl and wget with CA certificates. */
const CURL_FAMILIES = new Set(['node', 'python', 'golang', 'rust', 'gcc', 'ruby']);

/**
 * A download tool a RUN placed before `before` can count on: `curl` or `wget`, from what earlier RUNs of
 * the stage (and the stages it builds FROM) installed or ran, else from the base image. Null when neither
 * is known to be there with CA certificates.
 */
export function downloadTool(stage: Stage, before: Inst): 'curl' | 'wget' | null {
  const chain = chainOf(stage);
  const has = { curl: false, wget: false };
  let certs = false;
  const virtual = new Map<string, string[]>();
  for (const s of chain) {
    for (const inst of s.instructions) {
      if (inst === before) break;
      if (inst.onbuild || !inst.run?.script || !inst.run.posix) continue;
      for (const cmd of inst.run.script.commands) {
        if (cmd.nested || !cmd.name) continue;
        if ((cmd.name === 'curl' || cmd.name === 'wget') && cmd.args.some((a) => /^https:\/\//i.test(a.value ?? ''))) {
          has[cmd.name] = true;
          certs = true;
        }
        // zypper is not followed here: what its curl and wget pull in is not known.
        const call = packageCall(cmd);
        if (!call || call.manager === 'zypper') continue;
        const apt = call.manager === 'apt';
        const apk = call.manager === 'apk';
        if (installsPackages(call)) {
          const names = packageOperands(call).map((w) => (w.value ?? '').split(/[=:]/)[0]);
          if (names.includes('ca-certificates')) certs = true;
          for (const tool of ['curl', 'wget'] as const) {
            if (!names.includes(tool)) continue;
            has[tool] = true;
            // Debian's curl and wget only recommend ca-certificates; apk and rpm pull them in.
            if (!apt || !hasOption(cmd, ['--no-install-recommends'])) certs = true;
          }
          if (apk) for (const v of optionValues(cmd, ['-t', '--virtual'])) virtual.set(v, names.filter((n): n is string => n !== undefined));
        }
        const removed: string[] = [];
        if (removesPackages(call) && call.action !== 'autoremove') {
          for (const w of packageOperands(call)) removed.push(w.value ?? '', ...(apk ? (virtual.get(w.value ?? '') ?? []) : []));
        }
        for (const tool of ['curl', 'wget'] as const) if (removed.includes(tool)) has[tool] = false;
      }
    }
  }
  if (certs && has.curl) return 'curl';
  if (certs && has.wget) return 'wget';
  const root = chain[0]!;
  const ref = root.image ? parseImageRef(root.image) : null;
  const facts = ref ? lookupImage(ref) : null;
  if (!facts) return null;
  if (facts.family === 'buildpack-deps' || facts.family === 'php' || (CURL_FAMILIES.has(facts.family) && facts.variant === 'full')) return 'curl';
  if (facts.distro === 'alpine') return 'wget';
  return null;
}
