// Small, dependency-free reading of a Dockerfile for the selection rule and the harness
// (the engine under test is not used to choose its own test set).

/** Instructions: { keyword, args, line } with continuation lines joined and comments dropped. */
export function instructions(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out = [];
  let cur = null;
  let escape = '\\';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!cur) {
      const m = /^\s*#\s*escape\s*=\s*(\S)/i.exec(raw);
      if (m && out.length === 0) escape = m[1];
      if (/^\s*(#|$)/.test(raw)) continue;
      const k = /^\s*([A-Za-z]+)\s*(.*)$/.exec(raw);
      if (!k) continue;
      cur = { keyword: k[1].toUpperCase(), args: '', line: i + 1 };
      const body = k[2];
      if (body.endsWith(escape)) { cur.args = body.slice(0, -1) + ' '; continue; }
      cur.args = body; out.push(cur); cur = null;
    } else {
      if (/^\s*#/.test(raw)) continue;
      if (raw.trimEnd().endsWith(escape)) { cur.args += raw.trimEnd().slice(0, -1) + ' '; continue; }
      cur.args += raw; out.push(cur); cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export function fromImages(insts) {
  return insts.filter((i) => i.keyword === 'FROM').map((i) => {
    const parts = i.args.trim().split(/\s+/).filter((p) => !p.startsWith('--'));
    return parts[0] ?? '';
  });
}

const BUILD = {
  go: /\bgo\s+(build|install)\b/,
  rust: /\bcargo\s+(build|install)\b/,
  java: /(\bmvnw?\b|\bgradlew?\b|\bjavac\b)/,
  c: /(\bmake\b|\bcmake\b|\bgcc\b|\bg\+\+|\bcc\s|\bclang\b)/,
  node: /(\bnpm\s+run\s+build|\byarn\s+(run\s+)?build|\bpnpm\s+(run\s+)?build|\btsc\b|\bnext\s+build|\bng\s+build|\bwebpack\b|\bvite\s+build|\bnest\s+build)/,
};

/** The selection rule's build-step test (README, 'Selection rule', point 3). */
export function hasBuildStep(lang, insts) {
  const runs = insts.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const all = runs.join('\n');
  if (lang === 'python') {
    if (!/\bpip3?\s+install\b/.test(all)) return false;
    const image = fromImages(insts)[0] ?? '';
    const full = /^(docker\.io\/)?(library\/)?python(:|$)/.test(image) && !/slim/.test(image);
    const compiler = /\b(gcc|g\+\+|build-essential|build-base|[a-z0-9.+-]+-dev)\b/.test(all);
    return full || compiler;
  }
  return BUILD[lang].test(all);
}

export function isAlpine(insts) {
  return fromImages(insts).some((i) => /alpine/i.test(i)) || insts.some((i) => i.keyword === 'RUN' && /\bapk\s+(add|update)\b/.test(i.args));
}

/** Sources of COPY/ADD (no --from, no URLs), as written. */
export function copySources(insts) {
  const out = [];
  for (const i of insts) {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
    if (/--from\b/.test(i.args)) continue;
    let args = i.args.trim();
    let parts;
    if (args.startsWith('[')) { try { parts = JSON.parse(args); } catch { continue; } }
    else parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
    for (const s of parts.slice(0, -1)) if (!/^https?:\/\//.test(s)) out.push(s);
  }
  return out;
}

/** Families whose every image is a build image (README, "Coverage", point 1). */
const SDK_FAMILIES = /^(golang|rust|gcc|maven|gradle|buildpack-deps)$/;
const JDK_FAMILIES = /^(openjdk|eclipse-temurin|amazoncorretto|sapmachine)$/;
const FULL_FAMILIES = /^(node|python|ruby)$/;
const SDK_PACKAGE = /^(gcc|g\+\+|clang|build-essential|build-base|alpine-sdk|cargo|rustc|golang|golang-go|go|openjdk[\w.-]*-jdk[\w.-]*|default-jdk[\w.-]*|maven|gradle|dotnet-sdk-[\w.-]+)$/;

/**
 * Whether the final stage ships a compiler or an SDK, and why (README, "Coverage"): the reason, or null.
 * Mechanical and text-only: the engine under test is not asked.
 */
export function shipsSdk(insts) {
  const froms = insts.filter((i) => i.keyword === 'FROM');
  const from = froms[froms.length - 1];
  if (!from) return null;
  const image = from.args.trim().split(/\s+/).filter((p) => !p.startsWith('--'))[0] ?? '';
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > noDigest.lastIndexOf('/');
  const repo = hasTag ? noDigest.slice(0, colon) : noDigest;
  const tag = hasTag ? noDigest.slice(colon + 1) : 'latest';
  const name = repo.slice(repo.lastIndexOf('/') + 1).toLowerCase();
  if (/(^|\/)dotnet\/sdk$/.test(repo)) return `base image \`${image}\` (.NET SDK)`;
  if (SDK_FAMILIES.test(name)) return `base image \`${image}\``;
  if (JDK_FAMILIES.test(name) && !/jre/.test(tag)) return `base image \`${image}\` (JDK)`;
  if (FULL_FAMILIES.test(name) && !/slim|alpine/.test(tag)) return `base image \`${image}\` (full variant: gcc, make)`;
  const start = insts.indexOf(from);
  const stageRuns = insts.slice(start + 1).filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const allRuns = insts.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
  const removed = new Set();
  for (const m of allRuns.matchAll(/\b(?:apt-get|apt)\s+(?:-\S+\s+)*(?:purge|remove)\b([^;&|\n]*)|\bapk\s+del\b([^;&|\n]*)/g)) {
    for (const w of (m[1] ?? m[2] ?? '').split(/\s+/)) if (w && !w.startsWith('-')) removed.add(w);
  }
  for (const run of stageRuns) {
    for (const m of run.matchAll(/\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:install|add)\b([^;&|\n]*)/g)) {
      const words = m[1].split(/\s+/).filter(Boolean);
      const virtual = words.findIndex((w) => w === '--virtual' || w === '-t');
      const group = virtual >= 0 ? words[virtual + 1] : null;
      for (const w of words) {
        const pkg = w.replace(/[=<>].*$/, '');
        if (w.startsWith('-') || !SDK_PACKAGE.test(pkg)) continue;
        if (removed.has(pkg) || (group && removed.has(group))) continue;
        return `installs \`${pkg}\``;
      }
    }
  }
  return null;
}
