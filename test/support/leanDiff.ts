/**
 * The differential check of the lean parse (server/src/engine/model/leanParse.ts) against dockerfile-ast, the
 * oracle: every method the engine calls on a parse, a node and what the node answers (arguments, flags and
 * their options, properties, JSON strings and brackets, heredocs, ONBUILD triggers, FROM's image parts),
 * asked of both parses, must give the same answer (same values, same ranges, same errors).
 * The oracle is dockerfile-ast as the engine runs it: with model/astMemo.ts's shortcuts, which
 * test/engine/astMemo.test.ts compares with dockerfile-ast's own methods.
 * Used by test/engine/leanParse.test.ts and the fuzz campaign bench/fuzz-lean-parse.ts.
 */
import { DockerfileParser } from 'dockerfile-ast';
import '../../server/src/engine/model/astMemo.js';
import { leanParse } from '../../server/src/engine/model/leanParse.js';

/** Methods asked of each object that has them: those the engine calls (grep `server/src`), and the parts they answer with. */
const METHODS = [
  // Instruction
  'getKeyword',
  'getInstruction',
  'getRange',
  'getInstructionRange',
  'getTextContent',
  'getArguments',
  'getArgumentsRange',
  'getArgumentsRanges',
  'getRawArgumentsContent',
  'getArgumentsContent',
  // ModifiableInstruction, JSONInstruction
  'getFlags',
  'getOpeningBracket',
  'getClosingBracket',
  'getJSONStrings',
  // Run, Copy, Add
  'getHeredocs',
  // Copy
  'getFromFlag',
  // PropertyInstruction, Arg
  'getProperties',
  'getProperty',
  // Onbuild
  'getTrigger',
  'getTriggerInstruction',
  // From
  'getBuildStage',
  'getBuildStageRange',
  'getImage',
  'getImageName',
  'getImageRange',
  'getImageTag',
  'getImageDigest',
  'getRegistry',
  'getPlatformFlag',
  // Healthcheck, Workdir
  'getSubcommand',
  // Argument, JSONArgument, Flag, FlagOption, Property, Heredoc, ParserDirective
  'getValue',
  'getName',
  'getNameRange',
  'getValueRange',
  'getOptions',
  'getJSONValue',
  'getJSONRange',
  'getDelimiterRange',
  'getAssignmentOperator',
  'getUnescapedValue',
  'getStartRange',
  'getContentRange',
  'getDirective',
] as const;

/** What `value` answers to every method of METHODS it has, as plain data. */
function describe(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => describe(v, depth));
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const m of METHODS) {
    const f = o[m];
    if (typeof f !== 'function' || f.length !== 0) continue;
    any = true;
    if (depth > 4) {
      out[m] = '…';
      continue;
    }
    try {
      out[m] = describe(f.call(o), depth + 1);
    } catch (e) {
      out[m] = `throws ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  // A range or a position: its fields.
  return any ? out : JSON.parse(JSON.stringify(o)) as unknown;
}

export type Outcome = { kind: 'same' } | { kind: 'fallback' } | { kind: 'differs'; at: string; lean: unknown; oracle: unknown };

/** Compares the lean parse of `text` with dockerfile-ast's. */
export function compareParse(text: string): Outcome {
  const lean = leanParse(text);
  if (lean === null) return { kind: 'fallback' };
  const ast = DockerfileParser.parse(text);
  const pairs: [string, unknown, unknown][] = [
    ['escapeChar', lean.escapeChar, ast.getEscapeCharacter()],
    ['directives', describe(lean.directives, 0), describe(ast.getDirectives(), 0)],
    ['count', lean.instructions.length, ast.getInstructions().length],
  ];
  const theirs = ast.getInstructions();
  lean.instructions.forEach((node, k) => {
    pairs.push([`instruction ${k}: class`, node.constructor.name, theirs[k]?.constructor.name]);
    pairs.push([`instruction ${k}`, describe(node, 0), describe(theirs[k], 0)]);
  });
  for (const [at, a, b] of pairs) {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    if (x !== y) return { kind: 'differs', at, lean: a, oracle: b };
  }
  return { kind: 'same' };
}

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines real files use and the corners the parser has (each may end up joined with any line break). */
const FRAGMENTS = [
  'FROM alpine:3.19 AS build',
  'from --platform=$BUILDPLATFORM golang:1.22@sha256:abc AS b',
  'FROM registry.example.com:5000/team/app:1.0',
  'FROM build',
  'RUN apk add --no-cache curl \\',
  '    && rm -rf /var/cache/apk/*',
  '  # a comment inside the continuation',
  '',
  '\t',
  'RUN ["/bin/sh", "-c", "echo \\"hi\\" \\\\ there"]',
  'RUN --mount=type=cache,target=/root/.cache,id=x --network=none pip install -r req.txt',
  'RUN --mount type=bind,source=.,target=/src make',
  'run echo lower case',
  'CMD ["node", "server.js"]',
  'CMD [ "a" , "b\\u0041" ]',
  'CMD []',
  'CMD [ ]',
  'ENTRYPOINT ["/entry.sh"',
  'ENTRYPOINT exec app --flag',
  'ENV A=1 B="two words" C=three\\ words',
  'ENV OLD value with spaces',
  'ENV PATH=/usr/local/bin:$PATH \\',
  '    X=${Y:-z}',
  "LABEL org.opencontainers.image.title='x' \"a b\"=c",
  'ARG VERSION=1.0',
  'ARG NAME',
  'ARG A=1 B=2',
  'COPY --from=build --chown=1000:1000 /out /app',
  'COPY --chmod=755 [ "a b", "/c" ]',
  'ADD --checksum=sha256:00 https://example.com/x.tar.gz /x',
  'ADD --keep-git-dir https://github.com/a/b.git /b',
  'WORKDIR /app',
  'USER 1000:1000',
  'VOLUME ["/data"]',
  'VOLUME /a /b',
  'EXPOSE 8080/tcp',
  'STOPSIGNAL SIGTERM',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1',
  'HEALTHCHECK NONE',
  'ONBUILD RUN make',
  'ONBUILD COPY . /src',
  'ONBUILD',
  'ONBUILD ONBUILD RUN x',
  'MAINTAINER someone',
  'RUN echo a\\ b \\ ',
  'RUN echo one \\',
  '',
  '# comment',
  '    ',
  'RUN \\',
  'R\\',
  'UN echo split keyword',
  'RU\\ N',
  'FR\\OM x',
  'RUN\\',
  'ENV',
  'LABEL',
  'RUN echo $HOME ${A} \\$B',
  'RUN echo "quoted # not a comment"',
  'RUN tr a b < /in > /out',
  'X',
  '\\',
  '#',
  '# syntax=docker/dockerfile:1',
  'RUN echo \u00e9\u4e2d\u6587 \ud83d\ude00',
  'RUN \u0000\u0001 junk \ufffd',
  'COPY <<EOF /f',
  'RUN cat <<-EOT',
  'EOF',
];

const LINE_BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];
const JUNK = ['\\', ' ', '\t', '\n', '\r', '\r\n', '#', '"', '[', ']', ',', '=', '<', '$', '{', '}', "'", '-', '`', 'a', 'Z', '\u0000', '\ufffd', '\ufeff'];

/** A generated Dockerfile: fragments joined by line breaks, sometimes a BOM, directives, a trailing escape or junk characters. */
export function generate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const parts: string[] = [];
  if (rand() < 0.1) parts.push('\ufeff');
  if (rand() < 0.25) parts.push(pick(['# syntax=docker/dockerfile:1', '#escape=\\', '# check=skip=all', '# directive = value ', '#   ', '# escape=`']) + pick(LINE_BREAKS));
  const n = 1 + Math.floor(rand() * 8);
  for (let k = 0; k < n; k++) parts.push(pick(FRAGMENTS) + pick(LINE_BREAKS));
  let text = parts.join('');
  if (rand() < 0.15) text = text.replace(/\s+$/, '') + '\\';
  const junk = rand() < 0.6 ? Math.floor(rand() * 4) : 0;
  for (let k = 0; k < junk; k++) {
    const at = Math.floor(rand() * (text.length + 1));
    text = text.slice(0, at) + pick(JUNK) + text.slice(at);
  }
  return text;
}
