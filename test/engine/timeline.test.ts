/**
 * The per-stage timeline (model/timeline.ts): the WORKDIR, ENV, ARG, USER and SHELL in force at each
 * instruction, inherited through `FROM <stage>`, with BuildKit's ARG scope rules. One row per case: a
 * Dockerfile, the line of the instruction asked about, and what is in force just before it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel, type Inst } from '../../server/src/engine/model/model.js';
import { argDefaultsAt, envAt, expandAt, lastUser, shellAt, stateAt, userAt, workdirAt, workdirsFrom, workdirsOfChain } from '../../server/src/engine/model/timeline.js';
import { engineReady } from '../support/engine.js';

function at(text: string, line: number): Inst {
  const inst = buildModel(text).instructions.find((i) => i.range.start.line === line);
  assert.ok(inst, `no instruction on line ${line}`);
  return inst;
}

describe('timeline', () => {
  before(() => engineReady);

  describe('WORKDIR', () => {
    const ROWS: [string, string, number, string | null][] = [
      ['a known image without WORKDIR starts in /', 'FROM python:3.12-slim\nRUN true', 1, '/'],
      ['golang starts in /go', 'FROM golang:1.22\nRUN true', 1, '/go'],
      ['an image the catalog does not know: unknown', 'FROM example.com/team/app:1\nRUN true', 1, null],
      ['scratch starts in /', 'FROM scratch\nCOPY a /a', 1, '/'],
      ['a relative WORKDIR joins the image default', 'FROM python:3.12-slim\nWORKDIR Kafka\nRUN true', 2, '/Kafka'],
      ['a relative WORKDIR on an unknown image stays unknown', 'FROM example.com/app\nWORKDIR app\nRUN true', 2, null],
      ['an absolute WORKDIR on an unknown image is known', 'FROM example.com/app\nWORKDIR /srv/app\nRUN true', 2, '/srv/app'],
      ['a WORKDIR from an ARG default (BuildKit expands ARGs in WORKDIR)', 'FROM ubuntu:22.04\nARG HOME=/root\nWORKDIR $HOME\nRUN true', 3, '/root'],
      ['a WORKDIR from an ENV, ENV winning over an ARG of the same name', 'FROM ubuntu:22.04\nARG D=/a\nENV D=/b\nWORKDIR ${D}/c\nRUN true', 4, '/b/c'],
      ['a WORKDIR with a variable that has no value', 'FROM ubuntu:22.04\nWORKDIR $HOME\nRUN true', 2, null],
      ['inherited through FROM <stage>', 'FROM node:20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\nRUN true', 4, '/app/src'],
      ['`..` is normalised', 'FROM alpine:3.20\nWORKDIR /a/b\nWORKDIR ../c\nRUN true', 3, '/a/c'],
    ];
    for (const [name, text, line, dir] of ROWS) {
      it(name, () => assert.equal(stateAt(at(text, line)).workdir, dir));
    }
    it('workdirAt tells an instruction-set directory from the image default', () => {
      const text = 'FROM node:20 AS a\nRUN true\nFROM a AS b\nWORKDIR /w\nRUN true';
      const m = buildModel(text);
      assert.deepEqual(workdirAt(m.stages[0]!), { dir: '/', fromInstructions: false });
      assert.deepEqual(workdirAt(m.stages[1]!), { dir: '/w', fromInstructions: true });
      assert.deepEqual(workdirsOfChain(m.stages[1]!).map((w) => [w.inst.range.start.line, w.path]), [[3, '/w']]);
    });
    it('workdirsFrom: the WORKDIRs read again from another start directory (the file after the split edit)', () => {
      const text = 'FROM example.com/app\nENV D=lib\nWORKDIR src\nWORKDIR $D\nWORKDIR /abs\nWORKDIR ../x\nONBUILD WORKDIR /t';
      const stage = buildModel(text).stages[0]!;
      const dirs = (initial: string | null): [number, string | null][] => workdirsFrom(stage, initial).map((w) => [w.inst.range.start.line, w.dir]);
      // The timeline starts this unknown image in an unknown directory; the edited file starts in /src.
      assert.equal(stateAt(at(text, 3)).workdir, null);
      assert.deepEqual(dirs('/src'), [[2, '/src/src'], [3, '/src/src/lib'], [4, '/abs'], [5, '/x']]);
      assert.deepEqual(dirs(null), [[2, null], [3, null], [4, '/abs'], [5, '/x']]);
    });
    it('ONBUILD triggers come after the stage and run first in the stage built FROM it', () => {
      const text = 'FROM alpine:3.20 AS a\nONBUILD WORKDIR /t\nWORKDIR /s\nRUN true\nFROM a\nRUN true';
      assert.equal(stateAt(at(text, 3)).workdir, '/s');
      assert.equal(stateAt(at(text, 5)).workdir, '/t');
    });
  });

  describe('imageUser: whom the base image runs as when no USER is in force (catalog)', () => {
    const ROWS: [string, string, 'root' | 'non-root' | null][] = [
      ['an official image starts as root', 'FROM debian:bookworm\nRUN true', 'root'],
      ['distroless :nonroot', 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY a /a', 'non-root'],
      ['distroless without nonroot', 'FROM gcr.io/distroless/static-debian12\nCOPY a /a', 'root'],
      ['Chainguard -dev (a shell, a non-root user)', 'FROM cgr.dev/chainguard/python:latest-dev\nRUN true', 'non-root'],
      ['Chainguard wolfi-base runs as root', 'FROM cgr.dev/chainguard/wolfi-base\nRUN true', 'root'],
      ['.NET chiseled', 'FROM mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled\nCOPY a /a', 'non-root'],
      ['an image outside the catalog: unknown', 'FROM example.com/team/app:1\nRUN true', null],
      ['inherited through FROM <stage>, a USER aside', 'FROM cgr.dev/chainguard/node:latest-dev AS a\nUSER root\nFROM a\nRUN true', 'non-root'],
    ];
    for (const [name, text, user] of ROWS) {
      it(name, () => assert.equal(stateAt(buildModel(text).instructions.at(-1)!).imageUser, user));
    }
  });

  describe('ARG scope', () => {
    const ROWS: [string, string, number, Record<string, string>][] = [
      ['a global ARG is not in scope in a stage that does not declare it', 'ARG V=1\nFROM alpine:3.20\nRUN true', 2, {}],
      ['a stage ARG without default takes the global default', 'ARG V=1\nFROM alpine:3.20\nARG V\nRUN true', 3, { V: '1' }],
      ['a stage ARG default overrides the global one', 'ARG V=1\nFROM alpine:3.20\nARG V=2\nRUN true', 3, { V: '2' }],
      ['an ARG without any default has no known value', 'FROM alpine:3.20\nARG V\nRUN true', 2, {}],
      ['an ARG is in scope only after its declaration', 'FROM alpine:3.20\nRUN true\nARG V=1', 1, {}],
      ['a stage built FROM another does not see its ARGs', 'FROM alpine:3.20 AS a\nARG V=1\nFROM a\nRUN true', 3, {}],
    ];
    for (const [name, text, line, args] of ROWS) {
      it(name, () => assert.deepEqual(Object.fromEntries(argDefaultsAt(at(text, line))), args));
    }
    it('expansion: ENV first, then ARG defaults; ${X:-word}; unknown is null', () => {
      const inst = at('FROM alpine:3.20\nARG A=arg\nENV B=env\nRUN true', 3);
      assert.equal(expandAt('$A/${B}/${C:-c}', inst), 'arg/env/c');
      assert.equal(expandAt('$C', inst), null);
    });
  });

  describe('ENV, USER, SHELL', () => {
    const text = [
      'FROM debian:bookworm AS base', // 0
      'ENV A=1', // 1
      'USER app', // 2
      'SHELL ["/bin/bash", "-c"]', // 3
      'FROM base', // 4
      'ENV A=2 B=$A', // 5
      'RUN true', // 6
      'USER root', // 7
    ].join('\n');
    it('ENV values as written, inherited and overridden', () => {
      assert.deepEqual(Object.fromEntries(envAt(at(text, 6))), { A: '2', B: '$A' });
      assert.deepEqual(Object.fromEntries(envAt(at(text, 5))), { A: '1' });
    });
    it('ENV and ARG values are the same whichever instruction is asked first (each map is read when first needed)', () => {
      const chain = ['FROM debian:bookworm AS a', 'ENV A=1', 'ARG X=x', 'ENV B=2', 'ONBUILD ENV D=4', 'ARG Y', 'FROM a', 'ENV A=3 C=$A', 'ARG X', 'RUN true'].join('\n');
      const expected: [number, Record<string, string>, Record<string, string>][] = [
        [1, {}, {}],
        [2, { A: '1' }, {}],
        [3, { A: '1' }, { X: 'x' }],
        [5, { A: '1', B: '2' }, { X: 'x' }],
        [7, { A: '1', B: '2', D: '4' }, {}],
        [8, { A: '3', B: '2', C: '$A', D: '4' }, {}],
        [9, { A: '3', B: '2', C: '$A', D: '4' }, {}],
      ];
      for (const order of [expected, [...expected].reverse()]) {
        const model = buildModel(chain);
        const inst = (line: number): Inst => model.instructions.find((i) => i.range.start.line === line)!;
        for (const [line, env, args] of order) {
          assert.deepEqual(Object.fromEntries(envAt(inst(line))), env, `ENV before line ${line}`);
          assert.deepEqual(Object.fromEntries(argDefaultsAt(inst(line))), args, `ARGs before line ${line}`);
        }
      }
    });
    it('USER inherited through FROM <stage>; the last one is the start user', () => {
      assert.equal(userAt(at(text, 6))?.value, 'app');
      assert.equal(userAt(at(text, 1)), null);
      assert.equal(lastUser(buildModel(text).stages[1]!)?.value, 'root');
    });
    it('SHELL inherited through FROM <stage>; the default elsewhere', () => {
      assert.deepEqual(shellAt(at(text, 6)), ['/bin/bash', '-c']);
      assert.deepEqual(shellAt(at(text, 1)), ['/bin/sh', '-c']);
      assert.equal(stateAt(at(text, 6)).shellInst?.range.start.line, 3);
    });
  });
});
