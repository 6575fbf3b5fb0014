/**
 * Java (Maven, Gradle): build the jar with the JDK image as written, run it on `eclipse-temurin:<major>-jre`
 * (the same Java major version, `-alpine` for Alpine builders). The jar is the one `java -jar` starts.
 */
import { compileStep } from '../model/builds.js';
import { joinPath } from '../model/stageFacts.js';
import { javaMajor, TEMURIN_JRE_MAJORS } from './images.js';
import { commandsOf, pickArtifact, refuse } from './common.js';
import { basename, fullArgv } from './start.js';
import type { EcosystemPlan, Refusal, SplitContext } from './types.js';

const BUILD_TOOLS = /^(?:mvn|mvnw|gradle|gradlew|java-?c|ant|sbt)$/;

export function planJava(ctx: SplitContext): EcosystemPlan | Refusal {
  const steps = commandsOf(ctx)
    .map(({ inst, cmd }) => compileStep(inst, cmd))
    .filter((s) => s !== null && (s.kind === 'maven' || s.kind === 'gradle'));
  const image = ctx.image;
  let major = image ? javaMajor(image) : null;
  if (major === null) {
    const jdk = ctx.packages.names.map((n) => /^openjdk-(\d+)-jdk(?:-headless)?$/.exec(n)?.[1]).find((m) => m !== undefined);
    major = jdk ?? null;
  }
  const shown = image?.ref.text ?? ctx.stage.imageText;
  if (major === null) return refuse(`the Java version of \`${shown}\` is not in its tag, so the JRE image to run on is not known`);
  if (!TEMURIN_JRE_MAJORS.has(major)) return refuse(`there is no \`eclipse-temurin:${major}-jre\` image`);
  const argv = fullArgv(ctx.start);
  if (!argv || argv.length === 0) {
    const part = ctx.start.entrypoint ?? ctx.start.cmd;
    return refuse(part ? `the ${part.keyword} ${part.needsShell ?? 'cannot be read'}` : 'the stage has no CMD or ENTRYPOINT, so what the image runs is not known');
  }
  const program = basename(argv[0]!);
  if (BUILD_TOOLS.test(program)) return refuse(`the image starts \`${program}\`, a build tool that the JRE image does not have`);
  if (program !== 'java') return refuse(`the image starts \`${argv[0]}\` rather than \`java -jar\`, so which files it needs is not known`);
  const jarIndex = argv.indexOf('-jar');
  const jar = jarIndex >= 0 ? argv[jarIndex + 1] : undefined;
  if (jar === undefined) return refuse('the image runs `java` without `-jar`, so which class path it needs is not known');
  const outputs = steps.map((s) => {
    const cwd = ctx.cwdAt(s!.inst);
    return { dir: cwd === null ? null : joinPath(cwd, s!.kind === 'maven' ? 'target' : 'build/libs'), name: null };
  });
  const alpine = image?.facts?.distro === 'alpine' || /(?:^|-)alpine/.test(image?.official.tag ?? '');
  return {
    ecosystem: 'java',
    runtime: {
      image: `${image?.prefix ?? ''}eclipse-temurin:${major}-jre${alpine ? '-alpine' : ''}`,
      hasShell: true,
      packageManager: alpine ? 'apk' : 'apt',
      release: null,
      staticProgram: false,
    },
    edits: [],
    insertBefore: [],
    builderTail: [],
    copies: [pickArtifact(ctx, outputs, jar.includes('/') ? jar : `./${jar}`)],
    runtimeEnv: [],
    caBundle: false,
  };
}
