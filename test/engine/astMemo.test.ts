import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Argument, type Instruction } from 'dockerfile-ast';
import { argumentScans, argumentStart, firstArgument, flagArguments } from '../../server/src/engine/model/astMemo.js';
import { leanParse } from '../../server/src/engine/model/leanParse.js';
import { LineTable } from '../../server/src/engine/text.js';
import { corpusFiles } from '../support/corpus.js';

/** Keywords of the parsed instructions, with the first line of each. */
function outline(text: string): string[] {
  return DockerfileParser.parse(text).getInstructions().map((i) => `${i.getKeyword()}@${i.getRange().start.line}-${i.getRange().end.line}`);
}

describe('dockerfile-ast with the parse shortcuts', () => {
  // Each heredoc body holds a line that reads as an instruction: had the heredoc been missed, it would be one.
  const cases: [string, string, string[]][] = [
    ['RUN <<EOF', 'FROM a\nRUN <<EOF\nFROM b\nEOF\nUSER x\n', ['FROM@0-0', 'RUN@1-3', 'USER@4-4']],
    ['RUN cmd with a heredoc', 'FROM a\nRUN cat <<EOF > /f\nUSER y\nEOF\nUSER x\n', ['FROM@0-0', 'RUN@1-3', 'USER@4-4']],
    ['COPY <<EOF', 'FROM a\nCOPY <<EOF /f\nRUN no\nEOF\n', ['FROM@0-0', 'COPY@1-3']],
    ['<<- tabbed', 'FROM a\nRUN <<-EOF\n\tRUN no\n\tEOF\nUSER x\n', ['FROM@0-0', 'RUN@1-3', 'USER@4-4']],
    ['ONBUILD RUN <<EOF', 'FROM a\nONBUILD RUN <<EOF\nRUN no\nEOF\nUSER x\n', ['FROM@0-0', 'ONBUILD@1-3', 'USER@4-4']],
    ['continued line', 'FROM a\nRUN echo \\\n  <<EOF\nRUN no\nEOF\nUSER x\n', ['FROM@0-0', 'RUN@1-4', 'USER@5-5']],
    ['one < only', 'FROM a\nRUN tr a b < /f\nRUN echo <x\nUSER x\n', ['FROM@0-0', 'RUN@1-1', 'RUN@2-2', 'USER@3-3']],
    ['<< in a later instruction', 'FROM a\nRUN echo <\nRUN cat <<EOF\nUSER no\nEOF\n', ['FROM@0-0', 'RUN@1-1', 'RUN@2-4']],
    ['CRLF', 'FROM a\r\nRUN <<EOF\r\nUSER no\r\nEOF\r\nUSER x\r\n', ['FROM@0-0', 'RUN@1-3', 'USER@4-4']],
    ['no heredoc at all', 'FROM a\nENV A=1 \\\n  B=2\nCMD ["x"]\n', ['FROM@0-0', 'ENV@1-2', 'CMD@3-3']],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(outline(text), want));
  }

  it('heredoc contents are read as before', () => {
    const run = DockerfileParser.parse('FROM a\nRUN <<EOF\napt-get update\nEOF\n').getInstructions()[1] as unknown as { getHeredocs(): { getName(): string; getContentRange(): unknown }[] };
    const h = run.getHeredocs();
    assert.equal(h.length, 1);
    assert.equal(h[0]!.getName(), 'EOF');
    assert.deepEqual(h[0]!.getContentRange(), { start: { line: 2, character: 0 }, end: { line: 2, character: 14 } });
  });
});

/** Every word of every instruction (ONBUILD triggers too) as [value, start line:char, end line:char]. */
function words(text: string, scanOf: (i: Instruction) => Argument[]): string[][] {
  const out: string[][] = [];
  const visit = (i: Instruction): void => {
    out.push([i.getKeyword(), ...scanOf(i).map((a) => { const r = a.getRange(); return `${JSON.stringify(a.getValue())}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`; })]);
    const trigger = (i as unknown as { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
    if (trigger) visit(trigger);
  };
  for (const i of DockerfileParser.parse(text).getInstructions()) visit(i);
  return out;
}

describe("the argument scan gives dockerfile-ast's words", () => {
  const same = (text: string): void => assert.deepEqual(words(text, argumentScans.fast), words(text, argumentScans.original), JSON.stringify(text));
  // The scan's branches: continuations with and without trailing blanks, comment and blank lines inside them,
  // CR, CRLF, escaped `$` and other escaped characters, an escape at the very end, the backtick directive.
  const cases = [
    'FROM a\nRUN apt-get update && apt-get install -y curl\n',
    'FROM a\nRUN set -eux; \\\n  apt-get update; \\\n# a comment\n\n  rm -rf /var/lib/apt/lists/*\n',
    'FROM a\nRUN echo a \\  \n  b \\\t\r\n c\\ d \\\\ e\n',
    'FROM a\r\nRUN echo \\\r\n  x \\\ry\r\nENV A=1 \\\r\n  B="2 3"\r\n',
    'FROM a\nRUN echo \\$HOME \\"q\\" x\\\n',
    'FROM a\nRUN echo x \\',
    'FROM a\nRUN echo x\\  ',
    '# escape=`\nFROM a\nRUN echo `\n  b `$c \\d `\n# c\n  e`  \n f\n',
    'FROM a\nCOPY --chown=1:1 --from=b /a /b\nONBUILD RUN x \\\n  y\nHEALTHCHECK --interval=5s CMD [ "a", "b" ]\n',
    'FROM a\nRUN a \\ \\\n b\\ \\ c \\  x\n',
    'FROM a\r\nRUN a \\ \r\n  b\\\t\r\n  c \\  \rd\r\n',
  ];
  cases.forEach((text, k) => it(`case ${k + 1}`, () => same(text)));

  it('2,000 generated instructions from the characters the scan treats apart', () => {
    // A fixed pseudo-random sequence, so that a failure can be replayed.
    let seed = 19;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', 'bc', ' ', '  ', '\t', '\n', '\r', '\r\n', '\\', '\\\n', '\\ \n', '\\ \r\n', '\\\t\r', '`', '#', '# x\n', '$', '"', "'", '=', '--', '[', ']', ','];
    const keywords = ['RUN', 'ENV', 'COPY', 'ADD', 'LABEL', 'CMD', 'ONBUILD RUN', 'HEALTHCHECK CMD', 'ARG', 'WORKDIR'];
    for (let k = 0; k < 2000; k++) {
      let body = '';
      for (let m = rand(24); m > 0; m--) body += pieces[rand(pieces.length)];
      const directive = rand(4) === 0 ? '# escape=`\n' : '';
      same(`${directive}FROM a\n${keywords[rand(keywords.length)]} ${body}\nUSER x\n`);
    }
  });
});


describe("a flagged instruction's arguments, kept once its flags are read, are dockerfile-ast's", () => {
  type Parse = (text: string) => Instruction[];
  const parsers: [string, Parse][] = [
    ['dockerfile-ast', (text) => DockerfileParser.parse(text).getInstructions()],
    // The lean parse makes JSONInstruction nodes itself, with the words it scanned to read their flags kept on them.
    ['lean parse', (text) => leanParse(text)?.instructions ?? DockerfileParser.parse(text).getInstructions()],
  ];
  const hasFlags = (i: Instruction): boolean => typeof (i as unknown as { getFlags?: unknown }).getFlags === 'function';
  /**
   * Of each flagged node, as text: getArguments, getFlags, getArguments, getArguments (the first call reads the
   * flags through getArguments), then, on a second parse, getFlags first, getArguments, getArguments; then, on a
   * third parse, of every node: its first argument, asked first (`firstArgument`, or the oracle's first).
   */
  const calls = (text: string, parse: Parse, getArguments: (i: Instruction) => Argument[], getFlags: (i: Instruction) => unknown[], first: (i: Instruction) => Argument | null): string => {
    const word = (a: Argument): string => `${a.getValue()}@${JSON.stringify(a.getRange())}`;
    const flag = (f: unknown): string => {
      const g = f as { getName(): string; getValue(): string | null };
      return `${g.getName()}=${g.getValue()}`;
    };
    const flagged = (): Instruction[] => parse(text).filter(hasFlags);
    const out: string[] = [];
    for (const i of flagged()) {
      const first = getArguments(i).map(word);
      const flags = getFlags(i).map(flag);
      const second = getArguments(i);
      second.pop(); // a caller changing its copy changes no other caller's
      out.push([first, flags, second.map(word), getArguments(i).map(word)].map((x) => x.join(' ')).join(' | '));
    }
    for (const i of flagged()) {
      const flags = getFlags(i).map(flag);
      out.push([flags, getArguments(i).map(word), getArguments(i).map(word)].map((x) => x.join(' ')).join(' | '));
    }
    for (const i of parse(text)) {
      const a = first(i);
      out.push(`${i.getKeyword()} first ${a === null ? 'none' : word(a)}`);
    }
    return out.join('\n');
  };
  const patched = (i: Instruction): Argument[] => i.getArguments();
  const patchedFlags = (i: Instruction): unknown[] => (i as unknown as { getFlags(): unknown[] }).getFlags();
  const oracleFirst = (i: Instruction): Argument | null => (hasFlags(i) ? flagArguments.getArguments(i) : i.getArguments())[0] ?? null;
  const same = (text: string, name = JSON.stringify(text)): void => {
    const oracle = calls(text, parsers[0]![1], flagArguments.getArguments, flagArguments.getFlags, oracleFirst);
    for (const [by, parse] of parsers) assert.equal(calls(text, parse, patched, patchedFlags, firstArgument), oracle, `${by}: ${name}`);
  };

  it('flags with and without a value, FROM, COPY, RUN, HEALTHCHECK, ONBUILD, continuations', () => {
    const text = 'FROM --platform=linux/amd64 a AS b\nRUN --mount=type=cache,target=/c --network=none x y\nCOPY --from=b --chown 1:1 \\\n  --link /a /b\nHEALTHCHECK --interval=5s CMD true\nRUN plain words\nCOPY --from=b\n';
    same(text);
    for (const flagsFirst of [false, true]) {
      const from = DockerfileParser.parse(text).getInstructions()[0]!;
      const values = (): string[] => from.getArguments().map((a) => a.getValue());
      if (!flagsFirst) assert.deepEqual(values(), ['a', 'AS', 'b']);
      assert.deepEqual(patchedFlags(from).map((f) => (f as { getName(): string }).getName()), ['platform']);
      assert.deepEqual(values(), ['a', 'AS', 'b']);
      assert.deepEqual(values(), ['a', 'AS', 'b']);
    }
  });

  it("a RUN's first argument after its flags, read without the words after it", () => {
    const text = 'FROM a\nRUN --mount=type=cache,target=/c --network=none apt-get update && apt-get install -y curl\n';
    const run = leanParse(text)!.instructions[1]!;
    assert.equal(firstArgument(run)?.getValue(), 'apt-get');
    assert.deepEqual(firstArgument(run)?.getRange(), { start: { line: 1, character: 48 }, end: { line: 1, character: 55 } });
    assert.deepEqual(patchedFlags(run).map((f) => (f as { getName(): string }).getName()), ['mount', 'network']);
    // Only the words up to the first that ends the flags were scanned.
    const kept = Object.getOwnPropertySymbols(run).map((k) => (run as unknown as Record<symbol, unknown>)[k]).filter(Array.isArray) as Argument[][];
    assert.deepEqual(kept.map((words) => words.map((w) => w.getValue())), [['--mount=type=cache,target=/c', '--network=none', 'apt-get']]);
    assert.equal(run.getArguments().length, 7);
    assert.equal(firstArgument(leanParse('FROM a\nRUN --mount=type=cache,target=/c\n')!.instructions[1]!), null);
  });

  it('words that look like flags, JSON after flags, escapes, CRLF, the backtick escape (generated)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', '--x', '--y=1', 'b--c', ' ', '  ', '\t', '\n', '\r\n', '\\\n', '\\ \n', '\\', '`', '# x\n', '[', ']', '"s"', ',', '[]', '<<EOF\nz\nEOF\n', 'CMD', 'NONE'];
    const keywords = ['RUN', 'COPY', 'ADD', 'FROM', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'HEALTHCHECK', 'ONBUILD RUN', 'USER', 'ENV'];
    for (let k = 0; k < 1500; k++) {
      let body = '';
      for (let m = rand(12); m > 0; m--) body += pieces[rand(pieces.length)];
      const directive = rand(4) === 0 ? '# escape=`\n' : '';
      same(`${directive}FROM a\n${keywords[rand(keywords.length)]} ${body}\nUSER x\n`);
    }
  });

  it('every corpus file', () => {
    for (const [rel, text] of corpusFiles()) same(text, rel);
  });

  it("argumentStart is the offset of the word's range start (the lean parse's words, and others')", () => {
    for (const [rel, text] of corpusFiles()) {
      const lines = new LineTable(text);
      for (const [by, nodes] of [['lean', leanParse(text, lines)!.instructions], ['dockerfile-ast', DockerfileParser.parse(text).getInstructions()]] as const) {
        for (const i of nodes) {
          const a = firstArgument(i);
          if (a !== null) assert.equal(argumentStart(a, lines), lines.offsetAt(a.getRange().start), `${by} ${rel} line ${i.getRange().start.line}`);
        }
      }
    }
  });
});
