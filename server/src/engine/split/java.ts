/**
 * Java (Maven, Gradle, javac): build with the JDK image as written, run on `eclipse-temurin:<major>-jre`
 * (the same Java major version, `-alpine` for Alpine builders). What is copied is the jar `java -jar` starts,
 * or, for classes compiled with `javac` and started as `java [-cp PATH] Main`, the class path's directories.
 */
import { compileStep } from '../model/builds.js';
import { joinPath } from '../model/timeline.js';
import { javaMajor, TEMURIN_JRE_MAJORS } from './images.js';
import { absolute, commandsOf, isRefusal, pickArtifact, refuse } from './common.js';
import { envAt } from '../model/timeline.js';
import { basename, fullArgv } from './start.js';
import type { ArtifactCopy, EcosystemPlan, Refusal, SplitContext } from './types.js';
import { both } from './messages.js';

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
  if (major === null) return refuse('javaVersion', { image: shown });
  if (!TEMURIN_JRE_MAJORS.has(major)) return refuse('noJre', { major });
  const argv = fullArgv(ctx.start);
  if (!argv || argv.length === 0) {
    const part = ctx.start.entrypoint ?? ctx.start.cmd;
    return part ? refuse('startWhy', { keyword: part.keyword, why: part.needsShell ?? both('cannotRead') }) : refuse('noStart');
  }
  const program = basename(argv[0]!);
  if (BUILD_TOOLS.test(program)) return refuse('buildTool', { program });
  if (program !== 'java') return refuse('notJavaJar', { program: argv[0]! });
  const jarIndex = argv.indexOf('-jar');
  const jar = jarIndex >= 0 ? argv[jarIndex + 1] : undefined;
  const javac = commandsOf(ctx).filter(({ inst, cmd }) => compileStep(inst, cmd)?.kind === 'javac');
  let copies: ArtifactCopy[];
  if (jar === undefined) {
    if (javac.length === 0) return refuse('noJar');
    const classPath = classPathOf(ctx, argv);
    if (isRefusal(classPath)) return classPath;
    copies = classPath.map((d) => ({ from: d, to: d }));
  } else {
    if (steps.length === 0 && !commandsOf(ctx).some(({ cmd }) => cmd.name === 'jar')) {
      return refuse('jarNotPacked', { jar });
    }
    const outputs = steps.map((s) => {
      const cwd = ctx.cwdAt(s!.inst);
      return { dir: cwd === null ? null : joinPath(cwd, s!.kind === 'maven' ? 'target' : 'build/libs'), name: null };
    });
    copies = [pickArtifact(ctx, outputs, jar.includes('/') ? jar : `./${jar}`)];
  }
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
    copies,
    runtimeEnv: [],
    caBundle: false,
  };
}

/** `java` options that take a value as the next word. */
const JAVA_OPTIONS_WITH_VALUE = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--add-modules', '--add-opens', '--add-exports', '--add-reads', '--upgrade-module-path']);

/**
 * The class path of `java [options] Main` as absolute directories of the build stage: `-cp`/`-classpath`/
 * `--class-path`, else `CLASSPATH`, else the directory the container starts in. Each entry must lie in the
 * application's directories (where the build context and `javac`'s classes are); a module launch, a
 * wildcard or a variable is refused.
 */
function classPathOf(ctx: SplitContext, argv: readonly string[]): string[] | Refusal {
  let cp: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '-m' || w === '--module' || w.startsWith('--module=')) return refuse('javaModule');
    if (w === '-cp' || w === '-classpath' || w === '--class-path') cp = argv[i + 1] ?? null;
    else if (w.startsWith('--class-path=')) cp = w.slice('--class-path='.length);
    if (!w.startsWith('-')) break;
    if (JAVA_OPTIONS_WITH_VALUE.has(w)) i++;
  }
  const last = ctx.stage.instructions[ctx.stage.instructions.length - 1];
  if (cp === null && last) cp = envAt(last).get('CLASSPATH') ?? null;
  const entries = (cp ?? '.').split(':').filter((e) => e !== '');
  const out: string[] = [];
  for (const e of entries) {
    const dir = e.includes('*') ? null : absolute(ctx.startDir, e);
    if (dir === null || dir === '/') return refuse('classPathCopy', { entry: e });
    if (!ctx.appDirs.some((d) => dir === d || dir.startsWith(`${d}/`))) return refuse('classPathOutside', { entry: e });
    if (!out.includes(dir)) out.push(dir);
  }
  return out;
}
