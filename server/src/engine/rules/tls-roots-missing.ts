import { defineRule } from '../defineRule.js';
import { chainOf } from '../model/chain.js';
import { insertAt } from '../edits.js';
import { artifactsOf, copySourcePath, looksLikeData, matchArtifact } from '../model/artifacts.js';
import { installOf } from '../model/builds.js';
import { copiesOf, type CopyInfo } from '../model/copies.js';
import { runsOf, type DockerfileModel, type Stage } from '../model/model.js';
import { stateAtEnd } from '../model/timeline.js';
import { imageHasCaBundle, shippedImage, stageImageFacts } from '../model/stageFacts.js';
import type { Fix } from '../types.js';

const CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
/** Sources or destinations that bring CA certificates along. */
const CERTS = /\/etc\/ssl(?:\/|$)|\/etc\/pki(?:\/|$)|ca-certificates|ca-bundle|cacert|\.crt$|\.pem$/i;

export default defineRule('tls-roots-missing', {
  check({ model, report, t }) {
    const shipped = shippedImage(model);
    if (!shipped || shipped.facts?.kind !== 'scratch') return;
    const final = shipped.stage;
    const chain = chainOf(final);
    const copies = copiesOf(model, chain);
    if (copies.some((c) => bringsCerts(c))) return;
    const env = stateAtEnd(final).env;
    if (env.has('SSL_CERT_FILE') || env.has('SSL_CERT_DIR')) return;

    for (const copy of copies) {
      for (const word of copy.sources) {
        if (word.value === null) continue;
        const program = programKind(copy, word.value);
        if (!program) continue;
        const from = copy.fromStage;
        const fromName = from ? (from.name ?? String(from.index)) : null;
        const fix = from && hasCaBundle(from) ? certFix(model, final, fromName!, t('fix', { from: fromName! })) : null;
        const origin = from ? t('originStage', { name: fromName! }) : copy.fromValue ? t('originImage', { name: copy.fromValue }) : '';
        // curl and wget exist to fetch URLs; a compiled program may never open a TLS connection, so without
        // a sign that it does (an https:// or wss:// address or port 443 in its configuration) it is a hint.
        const client = program === 'curl' || program === 'wget';
        const sign = client ? null : outboundTlsSign(model, chain);
        report({
          range: model.lines.range(word.start, word.end),
          message: t(client || sign ? 'sure' : 'maybe', {
            path: word.value,
            program: t(program),
            origin,
            sign: sign ? t('sign', { line: sign.line, text: sign.text }) : '',
            caFile: CA_FILE,
          }),
          fixes: fix ? [fix] : [],
          ...(client || sign ? {} : { severity: 'info' as const }),
        });
        return;
      }
    }
  },
});

const TLS_ADDRESS = /\b(?:https|wss):\/\/[^\s"'\]]*|[\w.-]+:443\b/i;

/** An https:// or wss:// address or a port 443 in the ENV, ARG, CMD, ENTRYPOINT or HEALTHCHECK of the image. */
function outboundTlsSign(model: DockerfileModel, chain: readonly Stage[]): { line: number; text: string } | null {
  for (const stage of chain) {
    for (const inst of stage.instructions) {
      if (!['ENV', 'ARG', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(inst.keyword)) continue;
      const m = TLS_ADDRESS.exec(model.text.slice(inst.start, inst.end));
      if (m) return { line: inst.range.start.line + 1, text: m[0] };
    }
  }
  return null;
}

function bringsCerts(c: CopyInfo): boolean {
  const words = [...c.sources, ...(c.dest ? [c.dest] : [])];
  if (words.some((w) => CERTS.test(w.value ?? w.text))) return true;
  // The whole root of another stage or image brings its certificates along.
  return c.fromValue !== null && c.sources.some((w) => w.value !== null && copySourcePath(w.value) === '/');
}

/** What kind of TLS-capable program a copied path is, or null. */
function programKind(copy: CopyInfo, value: string): 'curl' | 'wget' | 'go' | 'rust' | null {
  const path = copySourcePath(value);
  if (path === null) return null;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'curl' || base === 'wget') return base;
  const source = copy.fromStage;
  if (!source) return null;
  const artifacts = artifactsOf(source).filter((a) => a.kind === 'go' || a.kind === 'rust');
  const built = artifacts.find((a) => matchArtifact(a, path) !== 'none');
  if (built) return built.kind === 'go' ? 'go' : 'rust';
  if (artifacts.length > 0 || looksLikeData(path)) return null;
  const family = stageImageFacts(source)?.family;
  if (family === 'golang') return 'go';
  if (family === 'rust') return 'rust';
  return null;
}

/** The stage's image has the bundle per the catalog, or the stage installs `ca-certificates`. */
function hasCaBundle(stage: Stage): boolean {
  if (imageHasCaBundle(stageImageFacts(stage))) return true;
  for (const r of runsOf(chainOf(stage))) {
    for (const cmd of r.run.script?.commands ?? []) {
      if (installOf(cmd)?.packages.some((p) => p.name === 'ca-certificates' || p.name === 'ca-certificates-bundle')) return true;
    }
  }
  return false;
}

/** `COPY --from=<stage> /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/` on the line after the final FROM. */
function certFix(model: DockerfileModel, final: Stage, from: string, title: string): Fix {
  const { lines } = model;
  const fromLine = lines.positionAt(final.fromInst.end).line;
  const keyword = model.text.slice(final.fromInst.start, final.fromInst.start + 4) === 'from' ? 'copy' : 'COPY';
  const line = `${keyword} --from=${from} ${CA_FILE} /etc/ssl/certs/`;
  const eol = lines.lineBreak(fromLine);
  const edit = eol ? insertAt(model, lines.starts[fromLine + 1]!, `${line}${eol}`) : insertAt(model, lines.lineEndOffset(fromLine), `${model.eol}${line}`);
  return { title, safety: 'unsafe', edits: [edit] };
}
