/**
 * Whether an image uses the parts of a JDK a JRE lacks: a compiler or build tool run by a RUN, or a JDK tool
 * (or Java's source-file mode, `java Main.java`) in what the container starts (`startCommand.ts`) or in its
 * HEALTHCHECK. For jdk-where-jre-would-do.
 */
import type { Cmd } from 'dockerfile-ast';
import { chainOf } from './chain.js';
import { runsOf, type DockerfileModel, type Inst, type Stage } from './model.js';
import { startCommand, type StartPart } from './startCommand.js';

/** Programs a JDK has and a JRE does not, and build tools that need a JDK. */
const JDK_TOOLS = new Set([
  'javac', 'jar', 'jarsigner', 'jlink', 'jpackage', 'jshell', 'jdeps', 'jdeprscan', 'javadoc', 'javap', 'jmod', 'jimage',
  'jcmd', 'jmap', 'jstack', 'jstat', 'jstatd', 'jinfo', 'jhsdb', 'jconsole', 'jdb', 'jps', 'jfr', 'serialver', 'native-image',
  'mvn', 'mvnw', 'gradle', 'gradlew', 'ant', 'sbt', 'lein', 'kotlinc', 'scalac', 'groovyc', 'bazel', 'bazelisk',
]);

function toolName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).replace(/\.(?:sh|bat|cmd|exe)$/, '');
}

/** The JDK tool a word list names, as written (`jcmd`, `java Main.java`), or null. Words may be whole scripts (`sh -c '…'`). */
function toolIn(words: readonly string[]): string | null {
  for (const w of words.flatMap((x) => x.split(/[\s"';&|()[\],`]+/))) {
    if (JDK_TOOLS.has(toolName(w))) return toolName(w);
    if (/\.java$/.test(w)) return `java ${w}`;
  }
  return null;
}

function startWords(p: StartPart | null): string[] {
  if (!p) return [];
  if (p.script) return p.script.commands.flatMap((c) => [c.name ?? '', ...c.args.map((a) => a.value ?? a.text)]);
  return (p.words ?? []).map((w) => w.value ?? w.text);
}

/** The HEALTHCHECK in force at the end of `stage` (ONBUILD triggers left out), as text. */
function healthcheckText(model: DockerfileModel, stage: Stage): string | null {
  let last: Inst | null = null;
  for (const s of chainOf(stage)) for (const i of s.instructions) if (!i.onbuild && i.keyword === 'HEALTHCHECK') last = i;
  const args = last ? (last.node as Cmd).getArguments() : [];
  if (args.length === 0) return null;
  return model.text.slice(model.lines.offsetAt(args[0]!.getRange().start), model.lines.offsetAt(args[args.length - 1]!.getRange().end));
}

/**
 * The first JDK tool the image of `stage` uses, as written (`mvn`, `javac`, `java Main.java`), or null: a RUN of
 * its stage chain (parsed commands), the ENTRYPOINT and CMD in force, or the HEALTHCHECK.
 */
export function jdkToolUsed(model: DockerfileModel, stage: Stage): string | null {
  for (const r of runsOf(chainOf(stage))) {
    for (const c of r.run.script?.commands ?? []) {
      if (!c.name) continue;
      const name = toolName(c.name);
      if (JDK_TOOLS.has(name)) return name;
      const source = name === 'java' ? c.args.find((a) => /\.java$/.test(a.value ?? '')) : undefined;
      if (source) return `java ${source.value}`;
    }
  }
  const { entrypoint, cmd } = startCommand(model, stage);
  const health = healthcheckText(model, stage);
  return toolIn([...startWords(entrypoint), ...startWords(cmd), ...(health ? [health] : [])]);
}
