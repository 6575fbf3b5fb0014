import { defineRule } from '../defineRule.js';
import { shippedTip } from '../model/chain.js';
import { parseShell } from '../model/shell.js';
import { isWrapperEntrypoint, programName, startCommand, startsWithInit } from '../model/startCommand.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const MANAGERS = new Set(['supervisord', 'pm2', 'forever']);

const messages = {
  pid1: {
    en: '{what} runs as PID 1 without an init. Stop signals may not reach the program and orphaned processes are not reaped: start it under tini or dumb-init (ENTRYPOINT ["tini", "--"]), or run with "docker run --init".',
    'zh-cn': '{what}作为 PID 1 运行，没有 init 进程。停止信号可能到不了程序，孤儿进程也得不到回收：请用 tini 或 dumb-init 启动它（ENTRYPOINT ["tini", "--"]），或用 “docker run --init” 运行。',
  },
  pm2: { en: 'pm2', 'zh-cn': ' pm2 ' },
  pm2Note: { en: ' Or use pm2-runtime, which is made for containers.', 'zh-cn': '也可以改用专为容器设计的 pm2-runtime。' },
  manager: { en: 'The process manager "{name}"', 'zh-cn': '进程管理器 “{name}” ' },
  script: { en: 'The shell script "{name}"', 'zh-cn': 'shell 脚本 “{name}” ' },
  shell: { en: 'The shell "{name}"', 'zh-cn': 'shell “{name}” ' },
};

export default defineRule({
  meta: {
    id: 'pid1-without-init',
    summary: 'A shell script or process manager runs as PID 1 without an init',
    rationale:
      'PID 1 gets no default signal handling and must reap orphaned processes. A shell script or a process manager such as pm2 started as PID 1 usually does neither well: `docker stop` waits out its timeout and kills the container, and zombies pile up. A tiny init (`tini`, `dumb-init`, `docker run --init`) does both.',
    category: 'runtime',
    defaultSeverity: 'off',
    fix: 'none',
    related: [],
  },
  messages,
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
