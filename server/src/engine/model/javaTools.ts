/**
 * Whether an image uses the parts of a JDK a JRE lacks: a compiler or build tool run by a RUN, or a JDK tool
 * (or Java's source-file mode, `java Main.java`) in what the container starts. For jdk-where-jre-would-do.
 */
import type { Cmd } from 'dockerfile-ast';
import { runsOf, type DockerfileModel, type Stage } from './model.js';

/** Programs a JDK has and a JRE does not, and build tools that need a JDK. */
const JDK_TOOLS = new Set([
  'javac', 'jar', 'jarsigner', 'jlink', 'jpackage', 'jshell', 'jdeps', 'jdeprscan', 'javadoc', 'javap', 'jmod', 'jimage',
  'jcmd', 'jmap', 'jstack', 'jstat', 'jstatd', 'jinfo', 'jhsdb', 'jconsole', 'jdb', 'jps', 'jfr', 'serialver', 'native-image',
  'mvn', 'mvnw', 'gradle', 'gradlew', 'ant', 'sbt', 'lein', 'kotlinc', 'scalac', 'groovyc', 'bazel', 'bazelisk',
]);

function toolName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).replace(/\.(?:sh|bat|cmd|exe)$/, '');
}

/**
 * The first JDK tool the stages run, as written (`mvn`, `javac`, `java Main.java`), or null. RUNs are read as
 * parsed commands; CMD, ENTRYPOINT and HEALTHCHECK word by word (a shell-form start may be any command line).
 */
export function jdkToolUsed(model: DockerfileModel, stages: Stage[]): string | null {
  for (const r of runsOf(stages)) {
    for (const c of r.run.script?.commands ?? []) {
      if (!c.name) continue;
      const name = toolName(c.name);
      if (JDK_TOOLS.has(name)) return name;
      if (name === 'java' && c.args.some((a) => /\.java$/.test(a.value ?? ''))) return `java ${c.args.find((a) => /\.java$/.test(a.value ?? ''))!.value}`;
    }
  }
  for (const s of stages) {
    for (const inst of s.instructions) {
      if (inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT' && inst.keyword !== 'HEALTHCHECK') continue;
      const args = (inst.node as Cmd).getArguments();
      if (args.length === 0) continue;
      const text = model.text.slice(model.lines.offsetAt(args[0]!.getRange().start), model.lines.offsetAt(args[args.length - 1]!.getRange().end));
      for (const w of text.split(/[\s"',[\]]+/)) {
        if (JDK_TOOLS.has(toolName(w))) return toolName(w);
        if (/\.java$/.test(w)) return `java ${w}`;
      }
    }
  }
  return null;
}
