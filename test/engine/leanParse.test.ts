import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseText } from '../../server/src/engine/model/incremental.js';
import { LeanDocument, leanParse } from '../../server/src/engine/model/leanParse.js';
import { LineTable } from '../../server/src/engine/text.js';
import { CORPUS_DIR, corpusFiles } from '../support/corpus.js';
import { compareParse, generate, random, type Outcome } from '../support/leanDiff.js';

function same(name: string, text: string): void {
  const o: Outcome = compareParse(text);
  assert.deepEqual(o, { kind: 'same' }, `${name}: ${JSON.stringify(o).slice(0, 2000)}`);
}

/** Keyword@first line-last line of each node of the lean parse. */
function outline(text: string): string[] {
  return leanParse(text)!.instructions.map((i) => `${i.getKeyword()}@${i.getRange().start.line}-${i.getRange().end.line}`);
}

describe('lean parse (model/leanParse.ts) against dockerfile-ast', () => {
  const cases: [string, string][] = [
    ['escape directive with a backtick', '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN powershell -Command `\n    Write-Host a \\ `\n  # comment`\n    ; Write-Host b\nCOPY a\\b c:\\d\n'],
    ['backtick escape, CRLF', '#escape=`\r\nFROM x\r\nRUN a `\r\n  b\r\n'],
    ['CRLF', 'FROM a\r\nRUN apt-get update \\\r\n  && apt-get install -y curl\r\n\r\nCMD ["x"]\r\n'],
    ['lone CR', 'FROM a\rRUN a \\\r  b\rUSER x'],
    ['BOM', '\ufeffFROM a\nRUN x\n'],
    ['BOM and a directive', '\ufeff# syntax=docker/dockerfile:1\nFROM a\n'],
    ['blanks before a directive, after a BOM', '\ufeff \t# escape=`\nFROM a\nRUN a `\n  b\n'],
    ['a first line that is no directive', 'FROM a\n# escape=`\nRUN a `\n  b\n'],
    ['directives', '# syntax=docker/dockerfile:1.4\n# check=skip=JSONArgsRecommended\n\n# escape=`\nFROM a\nRUN x \\\n y\n'],
    ['heredocs', 'FROM a\nRUN <<EOF\nFROM b\nEOF\nCOPY <<-"EOT" <<\'E2\' /x\n\tline\n\tEOT\nbody\nE2\nRUN cat <<EOF > /f && echo <<x\nUSER y\nEOF\nUSER z\n'],
    ['heredocs with CRLF (a range that ends inside a line break)', 'FROM a\r\nRUN <<EOF\r\n\tpoetry install\r\nEOF\r\nRUN <<A <<B\r\nprintf x\r\n A\r\nsudo y\r\nB\r\n RUN z\r\n'],
    ['heredoc never closed', 'FROM a\nRUN <<EOF\napt-get update\n'],
    ['heredoc after an escape and blanks, `<` in comment lines of a continuation', 'FROM a\nRUN cat \\  <<EOF\nUSER no\nEOF\nRUN a \\\n# <<\n  <b\nUSER x\nCOPY \\ \n# <\n <<E /f\nRUN no\nE\n'],
    ['ONBUILD', 'FROM a\nONBUILD RUN make \\\n  all\nONBUILD COPY --from=b . /src\nONBUILD RUN <<EOF\nx\nEOF\nONBUILD\nONBUILD ONBUILD USER x\n'],
    ['comments and empty lines inside continuations', 'FROM a\nRUN a \\\n\n  # comment \\\n\n  && b \\\n# last\n  && c\nENV A=1 \\\n  # c\n  B=2\n'],
    ['JSON forms with escapes', 'FROM a\nCMD ["a\\"b", "c\\\\d", "\\u00e9", "e\\/f"]\nENTRYPOINT [ "x" , \\\n  "y" ]\nSHELL ["bash", "-c"\nRUN []\nRUN [ ]\nVOLUME ["/a", \'/b\']\n'],
    ['ENV old and new syntax', 'FROM a\nENV A b c\nENV B=1 C="two words" D=three\\ words E=\'q\'\nENV\nENV F= G\nLABEL a=b "c d"=e\nARG X\nARG Y=1 Z=2\n'],
    ['flags with and without =', 'FROM --platform=linux/amd64 a AS b\nRUN --mount=type=cache,target=/c --network=none --security insecure x\nCOPY --from=b --chown 1:1 --link /a /b\nADD --checksum=sha256:0 --keep-git-dir=true u /d\nHEALTHCHECK --interval=5s CMD true\nHEALTHCHECK NONE\n'],
    ['lower-case keywords', 'from a as B\nrun echo x\ncopy --from=B a b\nonbuild run y\nenv A=1\n'],
    ['trailing backslash at the end of the file', 'FROM a\nRUN echo \\'],
    ['trailing backslash and blanks at the end', 'FROM a\nRUN echo \\  \t'],
    ['escaped keyword', 'FROM a\nR\\\nUN echo\nRU\\ N x\nFR\\OM b\nRUN\\\n  x\n'],
    ['binary junk', 'FROM a\n\u0000\u0001\u0002 \ufffd\nRUN \u0007 \\\n\u0000\n\ud800 x\n'],
    ['only comments and blanks', '# a\n\n  # b\n\t\n'],
    ['empty', ''],
    ['instruction at EOF without a line break', 'FROM a\nUSER x'],
  ];
  for (const [name, text] of cases) it(name, () => same(name, text));

  it('reads the instructions dockerfile-ast reads (heredoc bodies, a heredoc never closed, continuations, the backtick escape)', () => {
    const text = (name: string): string => cases.find(([n]) => n === name)![1];
    assert.deepEqual(outline(text('escape directive with a backtick')), ['FROM@1-1', 'RUN@2-5', 'COPY@6-6']);
    assert.equal(leanParse(text('escape directive with a backtick'))!.escapeChar, '`');
    assert.deepEqual(outline(text('heredocs')), ['FROM@0-0', 'RUN@1-3', 'COPY@4-8', 'RUN@9-13']);
    assert.deepEqual(outline(text('comments and empty lines inside continuations')), ['FROM@0-0', 'RUN@1-7', 'ENV@8-10']);
  });

  it("positionAfter (a walk on from a line) answers as positionAt, from every line at or before the offset's and after it", () => {
    for (const text of ['', 'a', 'FROM a\r\nRUN b\rc\n\n\r\nd', '\n\r\r\n x \r', 'RUN a \\\r\n  b\r\n']) {
      const doc = new LeanDocument(new LineTable(text));
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const want = doc.positionAt(offset);
        for (let hint = -1; hint <= doc.lines.lineCount; hint++) assert.deepEqual(doc.positionAfter(hint, offset), want, `${JSON.stringify(text)} ${offset} from ${hint}`);
      }
    }
  });

  it('is the whole-file parse the model uses', () => {
    const parsed = parseText('FROM a\nRUN x\n');
    assert.equal(parsed.nodes.length, 2);
    assert.ok((parsed.nodes[1] as unknown as { document: unknown }).document instanceof LeanDocument);
  });

  it('answers as dockerfile-ast on 1,000 generated files (seed 19; npm run fuzz:lean for more)', () => {
    const rand = random(19);
    for (let k = 0; k < 1000; k++) {
      const text = generate(rand);
      same(`generated ${k} ${JSON.stringify(text)}`, text);
    }
  });

  it('answers as dockerfile-ast on every corpus file', { skip: !existsSync(CORPUS_DIR) && 'no shared corpus here' }, () => {
    const files = corpusFiles();
    assert.ok(files.length > 0);
    for (const [rel, text] of files) same(rel, text);
  });

  // The precision benchmark's cached files (bench/precision/run.mjs fetches them; absent in CI).
  const precision = join(__dirname, '..', '..', 'bench', 'precision', '.files');
  it('answers as dockerfile-ast on the precision files', { skip: !existsSync(precision) && 'bench/precision/.files absent' }, () => {
    for (const id of readdirSync(precision).sort()) same(id, readFileSync(join(precision, id), 'utf8'));
  });
});
