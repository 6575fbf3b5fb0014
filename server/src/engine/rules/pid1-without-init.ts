import { defineRule } from '../defineRule.js';
import { shippedTip } from '../model/chain.js';
import { parseShell } from '../model/shell.js';
import { isWrapperEntrypoint, programName, startCommand, startsWithInit } from '../model/startCommand.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const MANAGERS = new Set(['supervisord', 'pm2', 'forever']);

export default defineRule('pid1-without-init', {
  check({ model, report, t }) {
    const final = shippedTip(model);
    if (!final) return;
    const { entrypoint, cmd } = startCommand(model, final);
    const first = entrypoint ?? cmd;
    // Shell form is shell-form-command's finding (the shell is PID 1 there for another reason).
    if (!first || first.shellForm || !first.words || first.words.length === 0) return;
    if (startsWithInit(first)) return;
    // `ENTRYPOINT ["docker-entrypoint.sh"]` + CMD: by convention the script ends with `exec "$@"`, so the
    // CMD becomes PID 1; judge the CMD.
    const part = entrypoint && cmd && isWrapperEntrypoint(entrypoint) ? cmd : first;
    if (part !== first && (part.shellForm || !part.words || part.words.length === 0)) return;
    const words = part.words!;
    const name = programName(words[0]);
    if (name === null) return;
    const word = words[0]!;
    let what: string | null = null;
    if (MANAGERS.has(name)) {
      what = name === 'pm2' ? t('pm2') : t('manager', { name });
    } else if (part === first && (name.endsWith('.sh') || (SHELLS.has(name) && runsScript(words.slice(1).map((w) => w.value))))) {
      what = name.endsWith('.sh') ? t('script', { name: word.value ?? name }) : t('shell', { name });
    }
    if (!what) return;
    report({
      range: model.lines.range(word.start, word.end),
      message: t('pid1', { what }) + (name === 'pm2' ? t('pm2Note') : ''),
    });
  },
});

/**
 * The shell runs a script (a file, or `-c` text) rather than being an interactive shell (`["bash"]`).
 * `sh -c "exec node app.js"` does not count: the shell replaces itself, so the program is PID 1.
 */
function runsScript(args: (string | null)[]): boolean {
  const c = args.indexOf('-c');
  if (c >= 0) {
    const text = args[c + 1];
    if (!text) return false;
    const script = parseShell(text);
    return !(script.statements.length === 1 && /^\s*exec\s/.test(text));
  }
  return args.some((a) => a !== null && !a.startsWith('-'));
}
