/**
 * fast-check generators of Dockerfile-like text for the robustness properties (test/robustness/fuzz.test.ts,
 * bench/fuzz.ts). Two families:
 * - `dockerfileText`: documents built from instructions of every keyword, in any case, with flags,
 *   continuations (`\` or the backtick of `# escape=`), comment and blank lines inside them, heredocs,
 *   exec-form JSON (valid and broken), quotes, escapes, CRLF / lone CR / mixed endings, a BOM, tabs, unicode
 *   (astral and lone surrogates), NUL bytes, very long lines, and realistic RUN bodies (apt-get, apk, pip,
 *   npm, yum, dnf; with and without cleanups; `&&` `;` `||` `|` `&`, subshells) so that rules and fixes fire.
 * - `mutatedText`: real Dockerfiles with characters cut, duplicated or inserted, as a half-typed file is.
 *
 * Generators build plain data that a render step turns into text, so fast-check can shrink a failing case
 * to a small one.
 */
import fc from 'fast-check';

/** Stands for the escape character while lines are built; the render step puts in the document's one. */
const ESC = '\uE000';

export const KEYWORDS = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
] as const;

// ---------------------------------------------------------------------------------------------------------
// Small pieces

/** A keyword in upper, lower or a mixed case (`Run`, `rUn`). */
export function keyword(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(name), weight: 6 },
    { arbitrary: fc.constant(name.toLowerCase()), weight: 2 },
    { arbitrary: fc.nat(255).map((mask) => [...name].map((c, i) => ((mask >> i) & 1 ? c.toLowerCase() : c)).join('')), weight: 1 },
  );
}

/** Single characters that trouble parsers, including astral ones, lone surrogates, NUL and line breaks. */
const oddChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\0',
    '\t',
    '\v',
    '\f',
    '\u00a0',
    '\u2028',
    '\u2029',
    '\uFEFF',
    '\u200B',
    'é',
    'ß',
    '中',
    '😀',
    '𝔘',
    '👩‍👩‍👧',
    '\uD800',
    '\uDFFF',
    '\\',
    '`',
    '"',
    "'",
    '[',
    ']',
    '{',
    '}',
    '$',
    '#',
    '=',
    '<',
    '>',
    '&',
    '|',
    ';',
    '(',
    ')',
    '*',
    '~',
    ' ',
    '\r',
    '\n',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** A short run of odd characters. */
export const noise: fc.Arbitrary<string> = fc.string({ unit: oddChar, maxLength: 12 });

/** A short run of printable text with odd characters mixed in. */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
  { arbitrary: noise, weight: 1 },
);

/** Shell words: plain, quoted, with expansions, escapes and globs. */
const word: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('curl', 'git', '/app', 'x', '-y', '--force', 'a.txt', '.', '1', 'pkg=1.2-3', 'https://example.com/a.tar.gz'), weight: 6 },
  { arbitrary: fc.constantFrom('"a b"', "'c d'", '$HOME', '${VAR:-x}', '"$VAR"', '$(id -u)', '`date`', '*.so', '~/bin', '\\"q\\"', "$'\\n'", 'a\\ b', '"é 😀"', '{a,b}'), weight: 3 },
  { arbitrary: text.filter((t) => t.length > 0), weight: 1 },
);

const words: fc.Arbitrary<string> = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));

// ---------------------------------------------------------------------------------------------------------
// RUN bodies: commands that the slimming rules look at

const PACKAGES = ['curl', 'ca-certificates', 'git', 'build-essential', 'python3', 'libpq-dev', 'nginx', 'tzdata', 'jq', '"libssl-dev"', 'gcc=4:12.2.0-3', '$PKGS', '${EXTRA}'];
const packages: fc.Arbitrary<string> = fc.subarray(PACKAGES, { minLength: 0, maxLength: 4 }).map((p) => p.join(' '));

const aptPrefix = fc.constantFrom('', '', '', 'sudo ', 'sudo -E ', 'DEBIAN_FRONTEND=noninteractive ', 'env DEBIAN_FRONTEND=noninteractive ', '/usr/bin/', 'exec ', 'nice -n 5 ');
const aptTool = fc.constantFrom('apt-get', 'apt-get', 'apt', '"apt-get"');
const aptOpts = fc.constantFrom('', '', '-q', '-qq', '-y', '-o Acquire::Retries=3', '-t bookworm-backports');

const aptCommand: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(aptPrefix, aptTool, aptOpts).map(([p, t, o]) => `${p}${t} ${o} update`.replace(/ +/g, ' ')),
  fc
    .tuple(aptPrefix, aptTool, aptOpts, fc.constantFrom('', '', '--no-install-recommends', '-o APT::Install-Recommends=false', '-o=APT::Install-Recommends=0', '--no-install-suggests'), fc.constantFrom('-y', '-yq', '--yes', ''), packages)
    .map(([p, t, o, r, y, pk]) => `${p}${t} ${o} install ${y} ${r} ${pk}`.replace(/ +/g, ' ')),
  fc.constantFrom(
    'rm -rf /var/lib/apt/lists/*',
    'rm -rf /var/lib/apt/lists',
    'rm -rf "/var/lib/apt/lists/"*',
    'rm -r /var/lib/apt/lists/* /tmp/*',
    'apt-get clean',
    'apt-get dist-clean',
    'apt-get autoremove -y',
    'apt-get purge -y --auto-remove gcc',
    'apt-get upgrade -y',
    'apt-get dist-upgrade -y',
    'apt-get build-dep -y python3',
    'apt-get source curl',
    'apt-get download curl',
    'echo "APT::Install-Recommends \\"false\\";" > /etc/apt/apt.conf.d/99norecommends',
  ),
);

const otherInstall: fc.Arbitrary<string> = fc.oneof(
  packages.map((p) => `apk add --no-cache ${p}`),
  packages.map((p) => `apk add ${p}`),
  packages.map((p) => `apk add --virtual .build-deps ${p}`),
  fc.constantFrom('apk update', 'apk del .build-deps', 'rm -rf /var/cache/apk/*', 'apk upgrade'),
  fc.constantFrom('pip install', 'pip3 install', 'python -m pip install', 'pip install --no-cache-dir', 'pip install --user', 'PIP_NO_CACHE_DIR=1 pip install').chain((c) => fc.constantFrom(`${c} -r requirements.txt`, `${c} flask gunicorn`, `${c} --upgrade pip`, `${c} .`)),
  fc.constantFrom('pip cache purge', 'rm -rf /root/.cache/pip', 'pipenv install --deploy', 'poetry install --no-root'),
  fc.constantFrom('npm ci', 'npm ci --omit=dev', 'npm install', 'npm install -g pnpm', 'npm i', 'npm run build', 'npm cache clean --force', 'yarn install --frozen-lockfile', 'yarn cache clean', 'pnpm install --prod'),
  packages.map((p) => `yum install -y ${p}`),
  packages.map((p) => `dnf install -y --setopt=install_weak_deps=False ${p}`),
  packages.map((p) => `microdnf install ${p}`),
  fc.constantFrom('yum clean all', 'dnf clean all', 'rm -rf /var/cache/yum', 'rm -rf /var/cache/dnf', 'yum update -y', 'zypper install -y curl', 'zypper clean -a'),
);

const generic: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'make -j"$(nproc)"',
    'cd /app',
    'curl -fsSL https://example.com/install.sh | sh',
    'wget -qO- https://example.com/a.tar.gz | tar xz -C /opt',
    'echo "hello" > /etc/motd',
    'mkdir -p /app/data',
    'chmod +x /entrypoint.sh',
    'useradd -m -u 1000 app',
    'ln -sf /usr/bin/python3 /usr/bin/python',
    'go build -o /out/app ./...',
    './configure --prefix=/usr && make && make install',
    'true',
    ':',
    'exit 0',
    'set -eux',
    'export PATH=/opt/bin:$PATH',
    'groupadd -r app && useradd -r -g app app',
    'cp -r /src/. /app/',
    'tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz',
  ),
  fc.tuple(fc.constantFrom('echo', 'printf', 'test', 'cp', 'git clone', 'chown -R app:app'), words).map(([c, w]) => `${c} ${w}`),
  text,
);

const simpleCommand: fc.Arbitrary<string> = fc.oneof({ arbitrary: aptCommand, weight: 5 }, { arbitrary: otherInstall, weight: 3 }, { arbitrary: generic, weight: 2 });

/** A command, sometimes inside a compound: subshell, group, if, for, `$(…)`, negation, background. */
const command: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: simpleCommand, weight: 8 },
  {
    arbitrary: fc.tuple(fc.nat(10), simpleCommand, simpleCommand).map(([k, a, b]) => {
      switch (k) {
        case 0:
          return `( ${a} )`;
        case 1:
          return `{ ${a}; ${b}; }`;
        case 2:
          return `if [ -f /etc/debian_version ]; then ${a}; else ${b}; fi`;
        case 3:
          return `for p in a b; do ${a}; done`;
        case 4:
          return `echo $(${a})`;
        case 5:
          return `X=\`${a}\``;
        case 6:
          return `! ${a}`;
        case 7:
          return `${a} || true`;
        case 8:
          return `${a} | tee /tmp/log`;
        case 9:
          return `${a} 2>&1 >/dev/null`;
        default:
          return `f() { ${a}; }; f`;
      }
    }),
    weight: 2,
  },
);

const operator = fc.constantFrom('&&', '&&', '&&', ';', '||', '|', '&');

type Layout = 'one' | 'trailing' | 'leading' | 'semicolons';

interface ShellBody {
  commands: string[];
  operators: string[];
  layout: Layout;
  /** Per continuation line: 0–2 adds a comment line, 3 a blank line, 4 spaces after the escape, 5 a tab indent. */
  extras: number[];
  /** The last line ends with an escape too (the next instruction is swallowed). */
  dangling: boolean;
  /** Use a literal backslash for continuations whatever the escape character. */
  literalBackslash: boolean;
}

const shellBody: fc.Arbitrary<ShellBody> = fc.record({
  commands: fc.array(command, { minLength: 1, maxLength: 6 }),
  operators: fc.array(operator, { minLength: 5, maxLength: 5 }),
  layout: fc.constantFrom<Layout>('one', 'one', 'trailing', 'trailing', 'leading', 'semicolons'),
  extras: fc.array(fc.nat(15), { maxLength: 6 }),
  dangling: fc.nat(25).map((n) => n === 0),
  literalBackslash: fc.nat(12).map((n) => n === 0),
});

/** Lines of a shell-form body; the first line goes after `RUN`. */
function renderShellBody(b: ShellBody): string[] {
  const esc = b.literalBackslash ? '\\' : ESC;
  const op = (i: number): string => (b.layout === 'semicolons' ? ';' : b.operators[i % b.operators.length]!);
  if (b.layout === 'one' || b.commands.length === 1) {
    let line = b.commands[0]!;
    for (let i = 1; i < b.commands.length; i++) line += ` ${op(i)} ${b.commands[i]}`;
    return [b.dangling ? `${line} ${esc}` : line];
  }
  const lines: string[] = [];
  const extra = (i: number): string[] => {
    const e = b.extras[i % Math.max(1, b.extras.length)] ?? 99;
    if (e <= 1) return ['    # a comment inside the continuation'];
    if (e === 2) return ['# dockerfile-slim ignore=apt-lists-left'];
    if (e === 3) return [''];
    return [];
  };
  const tail = (i: number): string => ((b.extras[i % Math.max(1, b.extras.length)] ?? 99) === 4 ? `${esc}  ` : esc);
  const indent = (i: number): string => ((b.extras[i % Math.max(1, b.extras.length)] ?? 99) === 5 ? '\t' : '    ');
  for (let i = 0; i < b.commands.length; i++) {
    const last = i === b.commands.length - 1;
    const cmd = b.commands[i]!;
    let line: string;
    if (b.layout === 'leading') line = i === 0 ? cmd : `${indent(i)}${op(i)} ${cmd}`;
    else line = i === 0 ? cmd : `${indent(i)}${cmd}`;
    if (!last) line += b.layout === 'leading' ? ` ${tail(i)}` : ` ${op(i + 1)} ${tail(i)}`;
    else if (b.dangling) line += ` ${esc}`;
    lines.push(line);
    if (!last) lines.push(...extra(i));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Instructions

const runFlag: fc.Arbitrary<string> = fc.constantFrom(
  '--mount=type=cache,target=/var/cache/apt',
  '--mount=type=cache,target=/var/lib/apt/lists,sharing=locked',
  '--mount=type=cache,target=/var/lib/apt',
  '--mount=type=cache,target=/root/.cache/pip',
  '--mount=type=cache,id=npm,target=/root/.npm',
  '--mount=type=tmpfs,target=/var/lib/apt/lists',
  '--mount=type=bind,source=.,target=/src',
  '--mount=type=secret,id=token',
  '--mount=target=/x',
  '--mount=type=cache,target=',
  '--mount=',
  '--network=none',
  '--security=insecure',
  '--unknown-flag',
  '--',
);

/** A JSON array for exec form: valid, or broken in one of the ways people break it. */
const execJson: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.array(word, { minLength: 1, maxLength: 4 }),
      simpleCommand.map((c) => ['sh', '-c', c]),
      simpleCommand.map((c) => ['/bin/bash', '-o', 'pipefail', '-c', c]),
      fc.constant([] as string[]),
    ),
    fc.nat(14),
  )
  .map(([items, breakage]) => {
    const valid = JSON.stringify(items);
    switch (breakage) {
      case 0:
        return valid.slice(0, -1); // no closing bracket
      case 1:
        return valid.replace(/"/g, "'"); // single quotes
      case 2:
        return valid.replace(/]$/, ',]'); // trailing comma
      case 3:
        return `[${items.join(', ')}]`; // unquoted
      case 4:
        return valid.replace(/^\["/, '["\\u00e9\\t'); // escapes
      case 5:
        return valid.replace(/,/g, ' , ').replace('[', '[ ').replace(/]$/, ' ]');
      case 6:
        return valid.replace(/","/, `", ${ESC}\n"`); // continued inside the array
      case 7:
        return `${valid} trailing`;
      case 8:
        return valid.replace(/"$/, '\\"');
      default:
        return valid;
    }
  });

const images = fc.constantFrom(
  'debian:bookworm',
  'debian:bookworm-slim',
  'ubuntu:22.04',
  'alpine:3.19',
  'python:3.12-slim',
  'node:20',
  'golang:1.22 ',
  'scratch',
  'gcr.io/distroless/static-debian12',
  'gcr.io/distroless/base:debug',
  'mcr.microsoft.com/windows/servercore:ltsc2022',
  'mcr.microsoft.com/windows/nanoserver:1809',
  'ubuntu/chiseled-jre:latest',
  'cgr.dev/chainguard/static',
  '${BASE}',
  '$IMAGE:${TAG:-latest}',
  'registry.example.com:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'base',
  'build',
  'BUILDER',
  '',
);
const stageName = fc.constantFrom('base', 'build', 'builder', 'deps', 'runtime', 'final', 'Build');

const fromLine = fc
  .tuple(keyword('FROM'), fc.constantFrom('', '', '--platform=$BUILDPLATFORM ', '--platform=linux/amd64 '), images, fc.option(fc.tuple(keyword('AS'), stageName), { freq: 2 }))
  .map(([k, p, i, as]) => [`${k} ${p}${i}${as ? ` ${as[0]} ${as[1]}` : ''}`]);

const runLines: fc.Arbitrary<string[]> = fc.oneof(
  // shell form
  {
    arbitrary: fc.tuple(keyword('RUN'), fc.array(runFlag, { maxLength: 2 }), shellBody).map(([k, flags, body]) => {
      const lines = renderShellBody(body);
      lines[0] = `${k} ${flags.map((f) => `${f} `).join('')}${lines[0]}`;
      return lines;
    }),
    weight: 8,
  },
  // exec form
  { arbitrary: fc.tuple(keyword('RUN'), fc.array(runFlag, { maxLength: 1 }), execJson).map(([k, f, j]) => `${k} ${f.map((x) => `${x} `).join('')}${j}`.split('\n')), weight: 2 },
  // heredocs
  {
    arbitrary: fc
      .tuple(
        keyword('RUN'),
        fc.constantFrom('<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", '<< EOF', '<<EOF bash', 'cat <<EOF > /etc/conf', 'bash <<EOF', '<<EOF python3', 'sh -e <<-"EOF"'),
        fc.constantFrom('', '', '#!/bin/bash', '#!/usr/bin/env python3', '#!/bin/sh -e', '#!'),
        fc.array(command, { minLength: 0, maxLength: 4 }),
        fc.constantFrom('EOF', 'EOF', 'EOF', '\tEOF', ' EOF', 'EO', ''),
        fc.boolean(),
      )
      .map(([k, marker, shebang, cmds, end, tabs]) => {
        const body = [...(shebang ? [shebang] : []), ...cmds].map((c) => (tabs ? `\t${c}` : c));
        return [`${k} ${marker}`, ...body, ...(end === '' ? [] : [end])];
      }),
    weight: 2,
  },
  // two heredocs in one RUN
  { arbitrary: fc.tuple(command, command).map(([a, b]) => ['RUN <<A <<B', a, 'A', b, 'B']), weight: 1 },
);

const cmdLines = fc
  .tuple(
    fc.oneof(keyword('CMD'), keyword('ENTRYPOINT')),
    fc.oneof(
      fc.constantFrom('node server.js', './app --port 8080', 'python -m http.server', '$HOME/bin/run', 'echo hi && run', 'exec nginx -g "daemon off;"', 'env X=1 app', 'app "a b" \'c\'', '~/start.sh', 'run *.conf', 'app # comment', 'X=1 app', ''),
      words,
      execJson,
    ),
  )
  .map(([k, body]) => `${k} ${body}`.split('\n'));

const copyLines = fc
  .tuple(
    fc.oneof(keyword('COPY'), keyword('ADD')),
    fc.array(fc.constantFrom('--from=build', '--from=0', '--from=${STAGE}', '--chmod=755', '--chown=app:app', '--link', '--parents', '--exclude=*.md', '--checksum=sha256:abc', '--keep-git-dir=true', '--from='), { maxLength: 3 }),
    fc.oneof(fc.constantFrom('. /app', 'package*.json ./', '--from=x', 'https://example.com/a.tgz /tmp/', '["a b", "/c"]', 'requirements.txt .', '<<EOF /etc/x'), words),
  )
  .map(([k, flags, rest]) => {
    const line = `${k} ${flags.map((f) => `${f} `).join('')}${rest}`;
    return rest.startsWith('<<EOF') ? [line, 'content', 'EOF'] : [line];
  });

const otherLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(keyword('ENV'), fc.constantFrom('A=1', 'A=1 B="x y"', 'PATH=/opt/bin:$PATH', 'A 1', 'DEBIAN_FRONTEND=noninteractive', 'PIP_NO_CACHE_DIR=1', 'X=', '="broken', `A=1 ${ESC}\n    B=2`)).map(([k, v]) => `${k} ${v}`.split('\n')),
  fc.tuple(keyword('ARG'), fc.constantFrom('V=1', 'BASE=debian:bookworm', 'TAG', 'IMAGE=alpine', 'STAGE=build', 'A B', '')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('LABEL'), fc.constantFrom('a=b', 'org.opencontainers.image.source="https://x"', 'x="multi word" y=z', 'broken="')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('EXPOSE'), fc.constantFrom('80', '80/tcp 443/udp', '$PORT', 'abc')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('WORKDIR'), fc.constantFrom('/app', 'C:\\app', '$HOME', '')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('USER'), fc.constantFrom('app', '1000:1000', 'ContainerUser', '')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('VOLUME'), fc.constantFrom('/data', '["/data", "/logs"]', '["/data"')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('STOPSIGNAL'), fc.constantFrom('SIGTERM', '9', '')).map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('MAINTAINER'), text).map(([k, v]) => [`${k} ${v}`]),
  fc
    .tuple(keyword('HEALTHCHECK'), fc.constantFrom('NONE', '--interval=30s CMD curl -f http://localhost/ || exit 1', 'CMD ["curl", "-f", "http://localhost"]', '--timeout=3s', 'CMD', ''))
    .map(([k, v]) => [`${k} ${v}`]),
  fc
    .tuple(keyword('SHELL'), fc.constantFrom('["/bin/bash", "-o", "pipefail", "-c"]', '["powershell", "-Command"]', '["cmd", "/S", "/C"]', '["/bin/ash", "-eo", "pipefail", "-c"]', '[]', '["/bin/sh"', '/bin/bash -c'))
    .map(([k, v]) => [`${k} ${v}`]),
  fc.tuple(keyword('ONBUILD'), fc.oneof(runLines, copyLines, fc.constant<string[]>(['']), cmdLines)).map(([k, inner]) => [`${k} ${inner[0]}`, ...inner.slice(1)]),
);

const commentLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom<string[]>(
    ['# a comment'],
    ['#'],
    ['   # indented comment'],
    ['# dockerfile-slim ignore=apt-lists-left'],
    ['# dockerfile-slim ignore=apt-recommends-installed,shell-form-command'],
    ['# dockerfile-slim global ignore=shell-form-command'],
    ['# hadolint ignore=DL3009,DL3015'],
    ['# hadolint global ignore=DL3025'],
    ['# dockerfile-slim ignore='],
    ['# escape=`'],
  ),
  text.map((t) => [`# ${t}`]),
);

/** A line that is not an instruction: an unknown keyword, stray text, odd characters, whitespace. */
const junkLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom('FORM', 'RUNN', 'COPPY', 'FROM_', 'run:', 'ENV='), words).map(([k, w]) => [`${k} ${w}`]),
  noise.map((n) => [n]),
  fc.constantFrom<string[]>([''], ['   '], ['\t'], [ESC], ['\\'], ['['], ['"'], ['<<EOF'], ['EOF'], ['&& apt-get install -y curl'], ['\0\0\0']),
);

/** A very long line (up to about 20,000 characters), or a very long continuation. */
const longLines: fc.Arbitrary<string[]> = fc.tuple(fc.nat(5), fc.integer({ min: 200, max: 4000 })).map(([kind, n]) => {
  switch (kind) {
    case 0:
      return [`RUN apt-get update && apt-get install -y ${'pkg '.repeat(n)}`];
    case 1:
      return [`# ${'x'.repeat(n * 5)}`];
    case 2:
      return [`ENV X=${'a'.repeat(n * 5)}`];
    case 3:
      return ['RUN apt-get update && apt-get install -y \\', ...Array.from({ length: Math.floor(n / 20) }, (_, i) => `    p${i} ${ESC}`), '    last'];
    case 4:
      return [`CMD ${'word '.repeat(n)}`];
    default:
      return [`RUN ${'echo 😀 && '.repeat(Math.floor(n / 4))}true`];
  }
});

/** One element of a document: an instruction (one or more lines), a comment, a blank or junk line. */
export const block: fc.Arbitrary<string[]> = fc.oneof(
  { arbitrary: fromLine, weight: 12 },
  { arbitrary: runLines, weight: 100 },
  { arbitrary: cmdLines, weight: 30 },
  { arbitrary: copyLines, weight: 20 },
  { arbitrary: otherLines, weight: 40 },
  { arbitrary: commentLines, weight: 20 },
  { arbitrary: junkLines, weight: 20 },
  { arbitrary: fc.constant<string[]>(['']), weight: 20 },
  { arbitrary: longLines, weight: 1 },
);

type Eol = '\n' | '\r\n' | '\r' | 'mixed';

export interface DocumentPlan {
  bom: boolean;
  directives: string[];
  escape: '\\' | '`';
  eol: Eol;
  /** Line break choices, cycled, for `mixed`. */
  mixed: ('\n' | '\r\n' | '\r')[];
  /** Leading whitespace per line, cycled (0 = none). */
  indents: number[];
  blocks: string[][];
  finalEol: boolean;
}

const documentPlan: fc.Arbitrary<DocumentPlan> = fc.record({
  bom: fc.nat(9).map((n) => n === 0),
  directives: fc.subarray(['# syntax=docker/dockerfile:1', '# check=skip=JSONArgsRecommended', '#directive=unknown', '# escape=x'], { maxLength: 2 }),
  escape: fc.constantFrom<'\\' | '`'>('\\', '\\', '\\', '`'),
  eol: fc.constantFrom<Eol>('\n', '\n', '\n', '\r\n', '\r\n', '\r', 'mixed'),
  mixed: fc.array(fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'), { minLength: 1, maxLength: 5 }),
  indents: fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2, 4), { maxLength: 6 }),
  blocks: fc.array(block, { maxLength: 14 }),
  finalEol: fc.nat(5).map((n) => n !== 0),
});

export function renderDocument(plan: DocumentPlan): string {
  const lines: string[] = [];
  const directives = [...plan.directives];
  if (plan.escape === '`') directives.unshift('# escape=`');
  lines.push(...directives);
  for (const b of plan.blocks) lines.push(...b);
  const indents = plan.indents.length > 0 ? plan.indents : [0];
  const withIndent = lines.map((l, i) => (i < directives.length ? l : ' '.repeat(indents[i % indents.length]!) + l));
  let out = '';
  for (let i = 0; i < withIndent.length; i++) {
    out += withIndent[i]!.replaceAll(ESC, plan.escape);
    const last = i === withIndent.length - 1;
    if (!last || plan.finalEol) out += plan.eol === 'mixed' ? plan.mixed[i % plan.mixed.length]! : plan.eol;
  }
  return (plan.bom ? '\uFEFF' : '') + out;
}

/** Dockerfile-like documents; most start with a FROM, so that stages exist and the stage rules run. */
export const dockerfileText: fc.Arbitrary<string> = fc
  .tuple(documentPlan, fc.constantFrom('FROM debian:bookworm', 'FROM alpine:3.19', 'FROM scratch', 'FROM ubuntu:22.04 AS base', 'from node:20', ''))
  .map(([plan, first]) => renderDocument({ ...plan, blocks: first ? [[first], ...plan.blocks] : plan.blocks }));

// ---------------------------------------------------------------------------------------------------------
// Half-typed real files

type MutationKind = 'cut' | 'duplicate' | 'insert' | 'truncate' | 'replace-eols' | 'delete-char';

export interface Mutation {
  kind: MutationKind;
  /** Position as a fraction of the text, in millionths. */
  at: number;
  length: number;
  insert: string;
}

const insertion: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\\', '`', '\n', '\r\n', '\r', '"', "'", '[', ']', '<<EOF\n', 'EOF', '&&', ' && ', ';', '|', '#', '# ', '$', '${', '$(', '\0', '\t', '\uFEFF', '😀', '\uD83D', 'RUN ', 'FROM ', 'apt-get update', 'apt-get install -y curl', ' \\\n', '\n\n'),
  noise,
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>('cut', 'cut', 'duplicate', 'insert', 'insert', 'insert', 'truncate', 'replace-eols', 'delete-char'),
  at: fc.nat(1_000_000),
  length: fc.nat(80),
  insert: insertion,
});

export function mutate(source: string, mutations: readonly Mutation[]): string {
  let t = source;
  for (const m of mutations) {
    const pos = Math.min(t.length, Math.floor((m.at / 1_000_001) * (t.length + 1)));
    switch (m.kind) {
      case 'cut':
        t = t.slice(0, pos) + t.slice(pos + m.length);
        break;
      case 'duplicate':
        t = t.slice(0, pos + m.length) + t.slice(pos, pos + m.length) + t.slice(pos + m.length);
        break;
      case 'insert':
        t = t.slice(0, pos) + m.insert + t.slice(pos);
        break;
      case 'truncate':
        t = t.slice(0, pos);
        break;
      case 'replace-eols':
        t = t.replace(/\r?\n/g, m.length % 3 === 0 ? '\r\n' : m.length % 3 === 1 ? '\r' : '\n');
        break;
      case 'delete-char':
        t = t.slice(0, pos) + t.slice(pos + 1);
        break;
    }
  }
  return t;
}

/** Small real-looking Dockerfiles, used when the shared corpus is not there. */
export const SEED_FILES: readonly string[] = [
  'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCOPY app /app\nCMD node /app/server.js\n',
  'FROM python:3.12-slim AS build\nWORKDIR /src\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n\nFROM gcr.io/distroless/python3\nCOPY --from=build /src /app\nENTRYPOINT ["python3", "/app/main.py"]\n',
  '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n    Write-Host hi\r\nCMD ["cmd"]\r\n',
  'FROM alpine:3.19\nRUN apk add --no-cache ca-certificates \\\n    && update-ca-certificates\nRUN <<EOF\napt-get update\napt-get install -y jq\nEOF\nENTRYPOINT ./run.sh\n',
];

/**
 * A real Dockerfile with a few cuts, duplications and insertions: a half-typed file. Half of the cases start
 * from `favoured` files (for example those the rules have findings on) when there are any.
 */
export function mutatedText(files: readonly string[], favoured: readonly string[] = []): fc.Arbitrary<string> {
  const pool = files.length > 0 ? files : SEED_FILES;
  const pick = (list: readonly string[]): fc.Arbitrary<string> => fc.nat(list.length - 1).map((i) => list[i]!);
  const source = favoured.length > 0 ? fc.oneof(pick(favoured), pick(pool)) : pick(pool);
  return fc.tuple(source, fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => mutate(text, ms));
}
