import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/index.js';
import { cli, project, SMELLY } from './helpers.js';

const ZH = { LANG: 'zh_CN.UTF-8' };

describe('the command line in Simplified Chinese: summaries, errors and help', () => {
  it('check: the summary line and the estimated saving, with --lang and with a zh locale', () => {
    const dir = project({ Dockerfile: SMELLY });
    const tail = (r: { stdout: string }) => r.stdout.split('\n').slice(-3);
    const want = [
      '1 个文件中共 3 个问题（0 个错误，3 个警告，0 个提示）；其中 1 个可用 `fix` 修复，另有 2 个可用 `fix --unsafe` 修复。',
      '估计可节省：≈ 21 MB（依据实测示例和 Debian 软件包数据估算，共 2 项数据，每项只计一次；实际节省取决于基础镜像和软件包）。',
      '',
    ];
    assert.deepEqual(tail(cli(['check', '--lang', 'zh-cn', 'Dockerfile'], { cwd: dir })), want);
    assert.deepEqual(tail(cli(['check', 'Dockerfile'], { cwd: dir, env: ZH })), want);
    assert.equal(tail(cli(['check', '--unsafe-fixes', '--lang=zh-cn', 'Dockerfile'], { cwd: dir }))[0], '1 个文件中共 3 个问题（0 个错误，3 个警告，0 个提示）；其中 3 个可用 `fix --unsafe` 修复。');
    // English stays the default.
    assert.equal(tail(cli(['check', 'Dockerfile'], { cwd: dir }))[0], '3 problems (0 errors, 3 warnings, 0 info) in 1 file; 1 fixable with `fix`, 2 more with `fix --unsafe`.');
    assert.equal(cli(['check', '--lang', 'zh-cn', '.'], { cwd: project({ Dockerfile: 'FROM scratch\nCOPY a /a\n' }) }).stdout, '在 1 个文件中未发现问题。\n');
  });

  it('fix: each file, each fix and the summary', () => {
    const dir = project({ Dockerfile: SMELLY });
    const r = cli(['fix', '--lang', 'zh-cn', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      'Dockerfile：已应用 1 个修复\n  [apt-lists-left] 在此 RUN 末尾删除 apt 软件包列表\n  估计可节省：≈ 20 MB（估计值）\n' +
        '已应用 1 个修复，涉及 1 个文件中的 1 个；估计可节省 ≈ 20 MB（估计值）。剩余 2 个问题（其中 2 个可用 `fix --unsafe` 修复）。\n',
    );
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /rm -rf \/var\/lib\/apt\/lists\/\*/);
    const dry = cli(['fix', '--unsafe', '--diff', 'Dockerfile'], { cwd: project({ Dockerfile: SMELLY }), env: ZH });
    assert.equal(
      dry.stderr,
      'Dockerfile：3 个修复（未写入）\n' +
        '  [apt-recommends-installed] 加上 --no-install-recommends（并保留 ca-certificates（curl 仅将其列为推荐）；估计 −1.0 MB）（不安全）\n' +
        '  [apt-lists-left] 在此 RUN 末尾删除 apt 软件包列表\n' +
        '  [shell-form-command] 把 CMD 改为 exec 形式（不安全）\n' +
        '  估计可节省：≈ 21 MB（估计值）\n' +
        '将应用 3 个修复，涉及 1 个文件中的 1 个；估计可节省 ≈ 21 MB（估计值）。\n',
    );
  });

  it('usage errors and file errors', () => {
    const dir = project({ Dockerfile: SMELLY });
    assert.deepEqual(cli(['check', '--bogus'], { env: ZH }), { code: 2, stdout: '', stderr: 'dockerfile-slim：未知选项 --bogus（见 `dockerfile-slim --help`）\n' });
    assert.equal(cli(['check', '--lang', 'zh-cn', '--format', 'xml', 'x']).stderr, 'dockerfile-slim：--format 必须是 text, json, sarif, github, gitlab, checkstyle 之一（收到“xml”）（见 `dockerfile-slim --help`）\n');
    assert.equal(cli(['fix', '--lang', 'zh-cn', '--stdout', '--diff', 'x']).stderr, 'dockerfile-slim：--stdout 与 --diff 不能同时使用（见 `dockerfile-slim --help`）\n');
    assert.equal(cli(['explain', 'nope'], { env: ZH }).stderr, 'dockerfile-slim：未知规则“nope”（运行 `dockerfile-slim rules` 查看全部规则）（见 `dockerfile-slim --help`）\n');
    assert.equal(cli(['check', '--rule', 'nope=off', 'Dockerfile'], { cwd: dir, env: ZH }).stderr, 'dockerfile-slim：--rule nope=off：未知规则“nope”（见 `dockerfile-slim rules`）（见 `dockerfile-slim --help`）\n');
    const missing = cli(['check', '--lang', 'zh-cn', 'nothere'], { cwd: dir });
    assert.deepEqual([missing.code, missing.stderr], [2, 'dockerfile-slim：nothere：文件或目录不存在\n']);
    // --lang fr is refused in the environment's language.
    assert.equal(cli(['check', '--lang', 'fr', 'Dockerfile'], { cwd: dir, env: ZH }).stderr, 'dockerfile-slim：--lang 必须是 en 或 zh-cn（收到“fr”）（见 `dockerfile-slim --help`）\n');
  });

  it('--help, in whichever place --lang is given, and each command\'s help', () => {
    const help = cli(['--help', '--lang', 'zh-cn']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^用法：dockerfile-slim <命令> \[选项\] \[PATH\.\.\.\]\n\n找出让 Docker 镜像比实际需要更大的原因，并加以修复。\n\n命令：\n  check PATH\.\.\. {6}报告 Dockerfile 中的问题/);
    assert.equal(cli(['--help'], { env: ZH }).stdout, help.stdout);
    assert.equal(cli([], { env: ZH }).stderr, help.stdout);
    // Every option of the English help is in the Chinese one.
    const options = (text: string) => [...new Set(text.match(/--[a-z][a-z-]+/g))].sort();
    assert.deepEqual(options(help.stdout), options(cli(['--help']).stdout));
    assert.equal(
      cli(['check', '--help'], { env: ZH }).stdout,
      '用法： dockerfile-slim check [--format FORMAT] [--unsafe-fixes]\n' +
        '                             [--failure-threshold error|warning|info|none] [--rule ID=LEVEL]...\n' +
        '                             [--config FILE] [--lang en|zh-cn] [--debug] PATH...\n\n详见 `dockerfile-slim --help`。\n',
    );
    assert.equal(cli(['rules', '--help', '--lang=zh-cn']).stdout, '用法：dockerfile-slim rules [--lang en|zh-cn]\n');
  });

  it('rules and explain: the summaries and rationales in Chinese', () => {
    const zhText = JSON.parse(readFileSync(join(__dirname, '../../server/src/engine/rules/meta.zh-cn.json'), 'utf8')) as Record<string, { summary: string; rationale: string }>;
    const r = cli(['rules', '--lang', 'zh-cn']);
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    // CJK characters take two columns: the headings line up with the ids, levels and fix labels below them.
    assert.equal(lines[0], '规则                            默认级别  修复    说明');
    assert.equal(lines[1], 'add-remote-archive              warning   unsafe  ADD 带进来的文件被后面的 RUN 删除或解包，于是留在了它自己的层中');
    assert.equal(lines[3], 'apt-lists-left                  warning   safe    `apt-get update` 把软件包列表留在了层中');
    assert.equal(lines.length, allRules.length + 2);
    for (const [i, rule] of allRules.entries()) assert.deepEqual(lines[i + 1]!.split(/ {2,}/), [rule.meta.id, rule.meta.defaultSeverity, rule.meta.fix, zhText[rule.meta.id]!.summary]);
    assert.equal(cli(['rules'], { env: ZH }).stdout, r.stdout);
    assert.equal(cli(['rules', '--lang=en'], { env: ZH }).stdout, cli(['rules']).stdout);

    const explain = cli(['explain', 'apt-lists-left', '--lang', 'zh-cn']);
    assert.deepEqual(explain, {
      code: 0,
      stdout:
        'apt-lists-left\n' +
        '`apt-get update` 把软件包列表留在了层中\n\n' +
        '`apt-get update` 会把软件包索引下载到 /var/lib/apt/lists（在 Debian bookworm 上约 20 MB）。除非在同一条 RUN 中删除，它就会存进这一层并随镜像发布；在后面的 RUN 中删除节省不了任何空间。\n\n' +
        '默认级别：warning\n' +
        '修复：可能安全（每个问题都会说明它的修复是否安全；`fix` 只应用安全的修复）\n' +
        '相关：hadolint:DL3009\n' +
        '文档：https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/apt-lists-left.md\n',
      stderr: '',
    });
    assert.equal(cli(['explain', 'DL3009'], { env: ZH }).stdout, explain.stdout);
    assert.equal(
      cli(['explain', '--lang=zh-cn', 'musl-source-builds']).stdout,
      'musl-source-builds\n在 Alpine（musl）上从源码编译软件包，而 `-slim` 镜像可以直接安装预编译的版本\n\n' +
        '大多数预编译的 Python wheel、原生 gem 和 Node.js 插件都以 glibc 为目标。在 Alpine 上它们只能从源码编译：构建慢上许多倍，需要编译器和头文件，而结果往往并不比 Debian `-slim` 镜像小，后者只需下载预编译的文件。\n\n' +
        '默认级别：info\n修复：无（需要调整结构才能解决）\n文档：https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/musl-source-builds.md\n',
    );
    // A --lang that is neither language is an error (in the environment's language, as for `check`).
    assert.deepEqual(cli(['explain', 'apt-lists-left', '--lang', 'fr'], { env: ZH }), { code: 2, stdout: '', stderr: 'dockerfile-slim：--lang 必须是 en 或 zh-cn（收到“fr”）（见 `dockerfile-slim --help`）\n' });
    assert.equal(cli(['rules', '--lang']).stderr, 'dockerfile-slim: --lang must be en or zh-cn (got "") (see `dockerfile-slim --help`)\n');
  });

  it('sarif: the rule descriptions in the run\'s language', () => {
    const dir = project({ Dockerfile: SMELLY });
    const driver = (args: string[]) => (JSON.parse(cli(args, { cwd: dir }).stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string } }[] } } }[] }).runs[0]!.tool.driver.rules.find((x) => x.id === 'apt-lists-left')!;
    const zh = driver(['check', '--format', 'sarif', '--lang', 'zh-cn', 'Dockerfile']);
    assert.equal(zh.shortDescription.text, '`apt-get update` 把软件包列表留在了层中');
    assert.match(zh.fullDescription.text, /^`apt-get update` 会把软件包索引下载到 /);
    assert.equal(driver(['check', '--format', 'sarif', 'Dockerfile']).shortDescription.text, '`apt-get update` leaves the package lists in the layer');
  });
});
