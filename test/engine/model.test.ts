import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel, substituteArgs } from '../../server/src/engine/model/model.js';
import { envAt } from '../../server/src/engine/model/timeline.js';
import { logicalShellText } from '../../server/src/engine/model/shellText.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

describe('model', () => {
  before(() => engineReady);

  it('stages: names, parents, which ship', () => {
    const m = buildModel(dockerfile`
      ARG BASE=debian:bookworm
      FROM ${'${BASE}'} AS base
      FROM golang:1.25 AS Build
      FROM base AS runtime
      COPY --from=build /app /app
      FROM runtime
    `);
    assert.deepEqual(
      m.stages.map((s) => [s.name, s.image, s.parent?.index ?? null, s.ships, s.isFinal]),
      [
        ['base', 'debian:bookworm', null, true, false],
        ['build', 'golang:1.25', null, false, false],
        ['runtime', 'base', 0, true, false],
        [null, 'runtime', 2, true, true],
      ],
    );
    assert.deepEqual([...m.globalArgs], [['BASE', 'debian:bookworm']]);
  });

  it('a last stage named test(s|ing) built FROM a stage of the file does not ship: the stage it builds FROM is the image', () => {
    const m = buildModel(dockerfile`
      FROM ubuntu:noble AS app
      RUN echo app
      FROM app AS Test
      RUN wget -q https://example.com/data.tar.gz && tar -xf data.tar.gz
    `);
    assert.deepEqual(m.stages.map((s) => [s.name, s.ships, s.isFinal]), [['app', true, false], ['test', false, true]]);
    // Named otherwise, or built on an image rather than a stage, the last stage ships as usual.
    for (const [text, ships] of [
      ['FROM ubuntu:noble AS app\nFROM app AS tester\n', [true, true]],
      ['FROM ubuntu:noble AS app\nFROM ubuntu:noble AS test\n', [false, true]],
      ['FROM ubuntu:noble AS app\nFROM app AS testing\n', [true, false]],
    ] as const) {
      assert.deepEqual(buildModel(text).stages.map((s) => s.ships), ships, text);
    }
  });

  it('RUN forms, flags, mounts and the commands of the script with document offsets', () => {
    const text = dockerfile`
      FROM debian:bookworm
      RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" 'git'
      RUN ["apt-get", "install", "-y", "curl"]
      RUN <<EOF
      apt-get update
      EOF
    `;
    const m = buildModel(text);
    const runs = m.instructions.filter((i) => i.run);
    assert.deepEqual(runs.map((r) => r.run!.form), ['shell', 'exec', 'heredoc']);
    assert.deepEqual(runs[0]!.run!.mounts, [{ type: 'cache', target: '/var/cache/apt', options: { type: 'cache', target: '/var/cache/apt', sharing: 'locked' } }]);
    const cmds = runs[0]!.run!.script!.commands;
    assert.deepEqual(cmds.map((c) => [c.name, c.args.map((a) => a.value)]), [
      ['apt-get', ['update']],
      ['apt-get', ['install', '-y', 'curl', 'git']],
    ]);
    assert.deepEqual(cmds[1]!.assignments.map((a) => [a.name, a.value]), [['DEBIAN_FRONTEND', 'noninteractive']]);
    const curl = cmds[1]!.args[2]!;
    assert.equal(text.slice(curl.start, curl.end), '"curl"');
    const exec = runs[1]!.run!.script!.commands[0]!;
    assert.equal(exec.json, true);
    assert.deepEqual(exec.args.map((a) => a.value), ['install', '-y', 'curl']);
    assert.equal(text.slice(exec.args[0]!.start, exec.args[0]!.end), '"install"');
    const heredoc = runs[2]!.run!.script!.commands[0]!;
    assert.equal(text.slice(heredoc.start, heredoc.end), 'apt-get update');
  });

  it('ONBUILD triggers are instructions of their stage, marked', () => {
    const m = buildModel('FROM debian:bookworm\nONBUILD RUN apt-get update\n');
    const trigger = m.stages[0]!.instructions.find((i) => i.onbuild);
    assert.equal(trigger?.keyword, 'RUN');
    assert.deepEqual(trigger?.run?.script?.commands.map((c) => c.name), ['apt-get']);
  });

  it('a non-POSIX SHELL and a Windows base image are not read as sh', () => {
    const m = buildModel(dockerfile`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN dir
      SHELL ["pwsh", "-Command"]
      RUN Get-ChildItem
      FROM debian:bookworm
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN ls | wc -l
    `);
    const runs = m.instructions.filter((i) => i.run).map((i) => [i.run!.shell[0], i.run!.posix, i.run!.script !== null]);
    assert.deepEqual(runs, [
      ['cmd', false, false],
      ['pwsh', false, false],
      ['/bin/bash', true, true],
    ]);
  });

  it('ENV in force at an instruction, inherited through FROM alias', () => {
    const m = buildModel(dockerfile`
      FROM python:3.12-slim AS base
      ENV PIP_NO_CACHE_DIR=1
      FROM base
      ENV A=b
      RUN pip install flask
      ENV LATE=1
    `);
    const run = m.instructions.find((i) => i.keyword === 'RUN')!;
    assert.deepEqual(Object.fromEntries(envAt(run)), { PIP_NO_CACHE_DIR: '1', A: 'b' });
  });

  it('BOM, CRLF and lone CR keep ranges aligned with the text', () => {
    const text = '\uFEFFFROM debian:bookworm\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n';
    const m = buildModel(text);
    const run = m.instructions[1]!;
    const cmds = run.run!.script!.commands;
    assert.deepEqual(cmds.map((c) => text.slice(c.start, c.end)), ['apt-get update', 'apt-get install -y curl']);
    assert.equal(m.eol, '\r\n');
  });
});

describe('substituteArgs', () => {
  const args = new Map<string, string | null>([
    ['V', '3.12'],
    ['EMPTY', ''],
    ['NODEFAULT', null],
  ]);
  const cases: [string, string | null][] = [
    ['python:$V', 'python:3.12'],
    ['python:${V}-slim', 'python:3.12-slim'],
    ['python:${MISSING:-3.11}', 'python:3.11'],
    ['python:${EMPTY:-3.11}', 'python:3.11'],
    ['python:${EMPTY-3.11}', 'python:'],
    ['python:${V:+set}', 'python:set'],
    ['python:${NODEFAULT}', null],
    ['python:$MISSING', null],
  ];
  for (const [input, expected] of cases) it(`${input} → ${String(expected)}`, () => assert.equal(substituteArgs(input, args), expected));
});

describe('logicalShellText keeps offsets', () => {
  const cases: [string, string, string][] = [
    ['continuation', 'a \\\n  b', `a${' '.repeat(5)}b`],
    ['CRLF continuation', 'a \\\r\n  b', `a${' '.repeat(6)}b`],
    ['lone CR continuation', 'a \\\r  b', `a${' '.repeat(5)}b`],
    ['CRLF, LF and CR lines mixed, comment and blank lines inside', 'a \\\r\n b \\\n# c\n\n d \\\r e', `a${' '.repeat(5)}b${' '.repeat(9)}d${' '.repeat(4)}e`],
    ['comment line inside', 'a \\\n# note\n  b', `a${' '.repeat(12)}b`],
    ['blank line inside', 'a \\\n\n  b', `a${' '.repeat(6)}b`],
    ['backtick escape', 'a `\n  b', `a${' '.repeat(5)}b`],
    ['escaped backslash stays', 'echo a\\\\b', 'echo a\\\\b'],
  ];
  for (const [name, raw, expected] of cases) {
    it(name, () => {
      const out = logicalShellText(raw, name === 'backtick escape' ? '`' : '\\');
      assert.equal(out, expected);
      assert.equal(out.length, raw.length);
    });
  }
});
