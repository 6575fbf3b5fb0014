import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

/** The build-in-final-stage findings that carry the split's refusal, in one language. */
function refusals(text: string, locale: 'en' | 'zh-cn'): string[] {
  return lint(text, { locale })
    .filter((f) => f.ruleId === 'build-in-final-stage' && /No automatic split|无法自动拆分/.test(f.message))
    .map((f) => f.message.replace(/^.*(No automatic split: |无法自动拆分：)/s, '$1'));
}

describe("the split's refusal reasons in both languages", () => {
  before(() => engineReady);

  const cases: [string, string, string, string][] = [
    [
      'a CMD that needs a shell, on scratch (a fragment from the start command inside the clause)',
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD /out/app --port $PORT\n',
      'No automatic split: the CMD expands variables or commands, and "scratch" has no shell.',
      '无法自动拆分：CMD 展开了变量或命令，而 “scratch” 没有 shell。',
    ],
    [
      'pnpm',
      'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN pnpm install && pnpm build\nCMD ["node", "dist/index.js"]\n',
      'No automatic split: it runs "pnpm"; only npm and yarn projects are split (the way to drop devDependencies differs).',
      '无法自动拆分：它运行 “pnpm”；只拆分 npm 和 yarn 项目（去掉 devDependencies 的方法各不相同）。',
    ],
    [
      'a -dev package whose runtime library is not known',
      'FROM gcc:12\nRUN apt-get update && apt-get install -y libgdal-dev\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["./app"]\n',
      'No automatic split: the runtime library that goes with "libgdal-dev" is not known.',
      '无法自动拆分：与 “libgdal-dev” 配套的运行时库未知。',
    ],
    [
      'a parent stage',
      'FROM golang:1.22 AS base\nFROM base\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n',
      'No automatic split: the final stage builds on stage "base", whose instructions would have to be split too.',
      '无法自动拆分：最终阶段基于阶段 “base” 构建，它的指令也得一起拆分。',
    ],
  ];

  for (const [name, text, en, zh] of cases) {
    it(name, () => {
      assert.deepEqual(refusals(text, 'en'), [en]);
      assert.deepEqual(refusals(text, 'zh-cn'), [zh]);
    });
  }
});
