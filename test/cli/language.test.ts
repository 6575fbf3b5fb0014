import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
    assert.equal(cli(['rules', '--help', '--lang=zh-cn']).stdout, '用法：dockerfile-slim rules\n');
  });
});
