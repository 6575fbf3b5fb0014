import { setFlagsFromString } from 'node:v8';
import { UsageError } from './args.js';
import { runCheck } from './commands/check.js';
import { explain, rulesTable, withoutLang } from './commands/rules.js';
import { cliLocale, dockerfilesReadCount } from './commands/common.js';
import { ct, setCliLocale, usage } from './messages.js';
import { VERSION } from './version.js';
import { CLI_V8_FLAGS } from './v8flags.js';

/** Runs one command and returns the exit code; usage and unexpected errors become one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  setCliLocale(runLocale(argv));
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
        process.stderr.write(usage('main'));
        return 2;
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(usage('main'));
        return 0;
      case '--version':
        process.stdout.write(`dockerfile-slim ${VERSION}\n`);
        return 0;
      case 'check':
        return await runCheck(rest);
      case 'fix':
        // fix and measure are loaded when asked for: they bring the builder (child processes), which `check` never needs.
        return await (await import('./commands/fix.js')).runFix(rest);
      case 'measure':
        return await (await import('./commands/measure.js')).runMeasure(rest);
      case 'rules': {
        if (rest.includes('-h') || rest.includes('--help')) {
          process.stdout.write(usage('rules'));
          return 0;
        }
        const args = withoutLang(rest);
        if (args.length > 0) throw new UsageError(ct('rulesNoArguments', { arg: args[0]! }));
        process.stdout.write(rulesTable());
        return 0;
      }
      case 'explain': {
        if (rest.includes('-h') || rest.includes('--help')) {
          process.stdout.write(usage('explain'));
          return 0;
        }
        const args = withoutLang(rest);
        if (args.length !== 1) throw new UsageError(ct('explainOneRule'));
        if (args[0]!.startsWith('-')) throw new UsageError(ct('unknownOption', { option: args[0]! }));
        process.stdout.write(explain(args[0]!));
        return 0;
      }
      default:
        throw new UsageError(command.startsWith('-') ? ct('unknownOption', { option: command }) : ct('unknownCommand', { command }));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${ct('errorLine', { message: error.message })}\n`);
    } else {
      process.stderr.write(`${ct('internalError', { message: error instanceof Error ? error.message : String(error) })}\n`);
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    }
    return 2;
  }
}

/**
 * For the loader (cli/loader.ts), which writes V8's code cache of this bundle at exit: how many Dockerfiles this
 * run read to lint. A run that read none (`--version`, help, usage errors) compiled start-up code only, and a
 * cache without the engine's functions is not worth keeping; a run that read many compiled more of the engine
 * than a one-file run did, and its cache holds more.
 */
export function dockerfilesLinted(): number {
  return dockerfilesReadCount();
}

/**
 * The language of this run: `--lang` (anywhere among the arguments, so that `--help --lang zh-cn` works too),
 * else the environment's locale. A `--lang` that is neither is reported by the command's own parsing.
 */
function runLocale(argv: readonly string[]): ReturnType<typeof cliLocale> {
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') lang = argv[i + 1];
    else if (argv[i]!.startsWith('--lang=')) lang = argv[i]!.slice('--lang='.length);
  }
  try {
    return cliLocale(lang, process.env);
  } catch {
    return cliLocale(undefined, process.env);
  }
}

// Closing the pipe we write to (`| head`) is a normal way to stop reading, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// A CLI run is short (v8flags.ts): the loader set these flags before compiling this bundle; a run of this
// bundle without the loader gets them here, before the grammar is compiled.
setFlagsFromString(CLI_V8_FLAGS);

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
