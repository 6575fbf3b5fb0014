import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import '../../server/src/engine/model/astMemo.js';

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
