import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/index.js';
import { cachedShellSources, clearShellCache, parseShell, parseShellTree } from '../../server/src/engine/model/shell.js';
import { parseShellFast } from '../../server/src/engine/model/shellFast.js';
import { corpusFiles } from '../support/corpus.js';
import { engineReady } from '../support/engine.js';

/**
 * The fast path (`shellFast.ts`) either declines a script or gives exactly the model that the tree-sitter walk
 * gives: on cases written for each construct, on random scripts made of the pieces it reads, and on every shell
 * script the engine parses in the corpus and in the precision files (when they are present).
 */

/** Compares the two readings; returns whether the fast path took the script. */
function same(source: string): boolean {
  const fast = parseShellFast(source);
  if (fast === null) return false;
  assert.deepStrictEqual(fast, parseShellTree(source), `fast path differs from tree-sitter on ${JSON.stringify(source)}`);
  return true;
}

const ACCEPTED = [
  '',
  '   ',
  '# only a comment',
  'apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*',
  'FOO=bar BAZ="x y" X= sudo -u me env A=1 apt-get install -y "curl" \'wget\' x"y"z "$V" # note',
  'set -eux; apk add --no-cache curl; curl -fsSL https://example.com/$VERSION/x-${ARCH}.tgz | tar -xz -C /usr/local',
  'export DEBIAN_FRONTEND=noninteractive A B="c d" -x; unset A B; readonly R=1; local L',
  'A=1',
  'A=1 B=$C D="e"',
  'A+=1 cmd',
  'cmd > /dev/null 2>&1 && next',
  'a && b > x',
  'a | b > x; c',
  'a > x | b && c >> y 2>&1',
  'cmd &>/dev/null & other &',
  'a || b; c & d;',
  'echo "a \\"b\\" \\$c \\\\ \\d" \'e\\f\'',
  'echo "$1" $@ $? "${#VAR}" ${VAR:-x} ${VAR%%.*} "${VAR/a/b}"',
  'while [ "$#" -gt 0 ]; do shift; done',
  'echo done then fi in',
  'nice -n 10 nohup exec command -v x',
  'env -u X A=1 B=2 cmd arg',
  'a=1 b=2',
  'cmd a=1 --opt=v',
  'cmd 2>/dev/null || true',
  'cmd </dev/null',
  'echo a#b c # d',
  'a;b;c',
  'x\tand\ttabs',
  'echo a-$b-c ${b}-${d}-e $b/c',
  'echo $(date)',
  'savedAptMark="$(apt-mark showmanual)"; dpkgArch="$(dpkg --print-architecture | awk -F- "{ print \\$NF }")"',
  'a "x$(b)y" $(c; d) $(e $(f)) && g > $(h) 2>&1',
  'export A=$(b) && C=$(d) e --x=$(f)',
  'A= && b; A= B= || c; A= | d; A= & e',
  'find . \\( -name a -o -name b \\) -exec rm -rf {} \\; -o -exec x {} + && echo \\$x \\\\z x\\|y \\>',
  // Compound statements on one line: tests, groups, `if`, `for … in`, `while`, `until`, `case`.
  'if true; then a; fi',
  'for i in 1 2; do echo $i; done',
  '[ -f x ] && rm x',
  '{ a; b; }',
  '[ ! -d /x ] || { a && b; }; [[ "$A" == x ]] && c',
  '[ -n "$(a b)" ] && [ "${X}" = "y" -o -z $Z ]',
  'set -eux; if [ "$A" = amd64 ]; then B=1; export C; elif [[ -f x ]]; then unset D; else e | f; g & h; fi; i',
  'if a && b; then c > x 2>&1; fi && d || e',
  'for f in a "b c" $D $(ls /x) *.txt; do rm -f "$f"; done; echo ok',
  'while read -r x; do echo "$x"; done; until a; do b; done',
  'if a; then if b; then c; fi; for i in 1; do { d; }; done; fi',
  'x | while a; do b; done',
  'case "$a" in amd64) A=x64;; arm64|aarch64) A=arm; b;; *) echo no; exit 1;; esac',
  'case $a in x) ;; esac; case "$(x)" in *musl*) a && b ;; y | z ) c; esac',
  // `!`, `:` and quoted command names.
  '! grep -q x f && b; a && ! b | c; ! a; x; ! a > f; ! a | b | c && d; if ! a; then b; fi',
  'a || :; : ; "$G/bin/go" version; \'npm\' \'start\'; "sudo" -E "$(a)" b',
  // Function definitions: their commands and bare assignments are nested.
  'f() { local a="$1"; shift; X=1; unset Y; g "$a" | h; }; f x',
  'ddist() { local f="$1"; shift; local success=; for u in a b ; do if wget -O "$f" "$u$f" && [ -s "$f" ]; then success=1; break; fi; done; [ -n "$success" ]; }; ddist x',
  '_f-g(){ (a; b); case $1 in x) c;; esac; } && _f-g',
  // Redirects after a compound statement: a redirected statement, as after a command.
  '{ a; b; } > f; x && { a; } >> f && c; { a; } > f | b; x | { a; } > f',
  'if a; then b; fi > log 2>&1; while read x; do b; done < f; (a) > f; [ -f x ] > y; case a in b) c;; esac > f',
  '{ echo a; echo b; } 2>&1 > "$D/x.ini" x; { a; } > $(b) "$(c)"',
  // Pipelines of three or more commands in a list: tree-sitter-bash reads some as a pipeline.
  'a | b | c && d; x | y | z || v && w; p | q | r && s | t | u && k; a | b && c | d | e; a | b | c | d && e && f',
  'if a | b | c && d; then e; fi; echo $(a | b | c && d)',
  'a | { b; } | [ c ] && (d) | e=1 | export f | g $(h) || if i; then j; fi',
  // Subshells, with their range on the commands and bare assignments inside.
  '(cd /x && make)',
  'a && ( cd /x && make; b ) && c | (d &) || (A=1; unset B; export C; ( e ;) )',
  'if a; then (b; c); fi; (x $(y) z)',
  // Words after a redirect are more destinations, and tree-sitter-bash ends some words after a second `$`.
  'cmd > x arg',
  'echo >&2 "error: unsupported architecture $arch" x; exit 1',
  'echo >f a 2>&1 "$(b)" c | d && e',
  'curl -fsSL https://x/$v/dotnet-runtime-$v-linux-$arch.tar.gz -o dotnet.tar.gz',
  'echo $b/c$d/e a"$b"-c$d-e ${b}-$d-e',
  'echo $a/$b/c$d/e$f/g "q"-$b.c \'r\'-$b,c x$a/$b+c a$b$c/d ${a}/$b~c $a/$b*c $a$b!c $a"$b"^c $a/$b',
  'echo "$(curl https://x/$v/a-$v.tgz)" --a=$b/$c/d',
];

const DECLINED = [
  'echo $((1 + 2))',
  'echo $()',
  'echo $(A=1)',
  'echo $(unset A)',
  'echo $(b # c)',
  'echo `date`',
  'f() { a; } > x',
  'f () { a; }',
  'function f { a; }',
  'f() ( a )',
  'f() { g() { a; }; }',
  'echo $(f() { a; })',
  'cat <<EOF\nx\nEOF',
  "echo $'a'",
  'echo $',
  'echo "a$"',
  'echo a>b',
  '! ! cmd',
  '! { a; }',
  '! A=1',
  '!x',
  ':x y',
  '"a"b c',
  'x"y" z',
  'a && ',
  'a ;; b',
  'a |& b',
  'echo "unterminated',
  "echo 'unterminated",
  'echo €',
  'a\nb',
  // What tree-sitter-bash reads otherwise than bash does and the fast path does not follow: it splits words
  // after a second `$` (followed here when `$NAME` is followed by one of `/-.,+~*!^`, in a command's arguments),
  // reads `--o=p` as an assignment, `a | b | c && d` as a pipeline, `a && b >x | c` as a pipeline of the
  // redirected list, drops the `-` of `cat - 2>&1`, gives `" "` no content, reads `x$$` as a word and
  // `export x"y"` as two.
  'echo $x-$1',
  'echo $a/$b=c',
  'echo $x-$yX+=1',
  'echo $a/$b:c',
  'echo $a/$b#c',
  'echo $a/$b@c',
  'A=x$b/$c/d cmd',
  '$a/$b/c x',
  'export A=$b/$c/d',
  'cmd >&2 $a/$b/c',
  'for i in $a/$b/c; do d; done',
  '[ $a/$b/c ]',
  '((i++))',
  '( )',
  '(a)b',
  'echo $(a; (b))',
  '(a; fi)',
  '--o=p',
  '1a=2 b',
  'x#y',
  'X=1 a:b',
  'a | b | c > f && d',
  'a && b 2>&1 | c',
  'cat - 2>&1',
  'a 0<x',
  'echo " "',
  'echo x$$',
  'echo -1#',
  'echo ==x',
  'export x"y"',
  'unset x$y',
  'export a:b',
  'export - a',
  'export A= | b',
  'A=|| b',
  'A=& b',
  '- a=b',
  'echo "a"\\;',
  'echo $x\\;',
  'echo ${x}\\;',
  'echo \\$x"y"',
  'echo a\\',
  'echo a\\ b',
  '\\rm x',
  // Compound statements the fast path leaves to tree-sitter.
  'if a; then b; fi x',
  'if a; then fi',
  'if a then b; fi',
  'if a; then echo fi; fi',
  'for i in a do; do b; done',
  'for i; do b; done',
  'for ((i = 0; i < 2; i++)); do b; done',
  'for i in a; do b & done',
  'echo $(if a; then b; fi)',
  '[ ]',
  '[ x=1 ]',
  '[ a =x ]',
  '[ a -a ]x',
  '[[ a < b ]]',
  '[[ (a) ]]',
  'case a in (b) c;; esac',
  'case a in b) c;& d) e;; esac',
  'case a in b) c;;& esac',
  'case a in esac',
  'case a in b) c & esac',
  'case a in b) c;; esac|| d',
  'case a in #b) c;; esac',
  '[ ! ]',
  '[ a b c ]',
  '[ + = a ]',
  '[ x#y ]',
  '[ local ]',
  'for x in ; do a; done',
];

describe('shell fast path', () => {
  before(() => engineReady);

  it('reads the simple scripts it is written for exactly as the tree-sitter walk does', () => {
    for (const s of ACCEPTED) assert.ok(same(s), `the fast path declined ${JSON.stringify(s)}`);
  });

  it('declines what it does not read, and what tree-sitter-bash reads otherwise than bash', () => {
    for (const s of DECLINED) assert.equal(parseShellFast(s), null, `the fast path took ${JSON.stringify(s)}`);
  });

  it('gives parseShell the same script either way, with the same offsets for the editor', () => {
    clearShellCache();
    const s = 'apt-get install -y curl  &&  rm -rf /var/lib/apt/lists/*';
    assert.deepStrictEqual(parseShell(s), parseShellTree(s));
    const c = parseShell(s).commands[1]!;
    assert.deepEqual([c.name, c.start, c.end, c.args.map((a) => [a.text, a.value, a.start, a.end])], ['rm', 29, 56, [['-rf', '-rf', 32, 35], ['/var/lib/apt/lists/*', '/var/lib/apt/lists/*', 36, 56]]]);
  });

  it('agrees with tree-sitter on random scripts made of the pieces it reads', () => {
    let seed = Number(process.env.SHELLFAST_SEED ?? 19); // mulberry32; a campaign sets other seeds
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const names = ['a', 'apt-get', 'echo', 'sudo', 'env', 'export', 'unset', 'X=1', 'rm', 'nice', '/bin/x', 'a.b', 'x-y', '12', '-', '+', ':', '"npm"', "'x y'", '"$a/b"', '"$(a)"', '! a', '! X=1 a', '!'];
    const operators = ['&&', '||', '|', ';', '&'];
    const pieces = ['a', 'x=1', 'A=', 'A="b c"', "'q r'", '"s $t"', '$v', '${w}', '${w:-d}', '${#x}', '${x##*/}', '$1', '$@', '$?', '$$', '"$@"', '-y', '--o=p', '-', '--', '#c', 'x#y', '-1#',
      '2>&1', '>', '>>', '<', '&>', '&>>', '>&2', '<&0', '>&-', '0<x', '3>x', '1>', '/dev/null', '*.txt', '~/x', 'a:b', '@', '%', '+', ',', '.', '=', '==', '==x', '=x', 'a=b=c', '1a=2', 'X+=1',
      'export', 'unset', 'local', 'declare', 'sudo', 'env', 'done', 'if', 'then', 'fi', 'for', 'in', 'do', 'case', 'esac', 'time', 'coproc', 'function', '!x', 'x!',
      '"', "'", '$', '\\', '"\\$"', '"a\\nb"', '" "', "''", '""', 'a""b', 'x"y"', '$b"c"', 'a$b', 'c-$d-e', '$x$y', '$x-$y', '$x/$y', 'a/$x/b', '${x}y$z', 'a=$b-c', '{', '(', ')', '[', '`', '\t',
      '$(a)', '"$(b c)"', '$(a | b)', 'x$(y)', '$(a; b)', '$( a && b )', '$(x > y)', '$(A=1 b)', '$(export A)', '$(', '$(a $(b))', '--x=$(c)', '$(c)-d', 'A=$(b)', '$(a &)', '$(a)$(b)', '$((1))',
      '$a/$b/c', 'x-$v/$v-y.z', '"q"-$b.c', "'r'$b/c", '$x-$y.z', 'a$b$c/d', '$a/$b=c', '$a/$b:c', '$A_1/$B_2-c', '${a}/$b.c$d/e', '$a/$b', 'x/$a/$1', '$(a)/$b,c', '"$a"$b+c', '"$#"', '$#', '"a$#"', '"$#x"',
      '\\;', 'a\\ b', '\\(', '\\)', '\\$x', '"a"\\;', '$x\\;', 'x\\"y', '\\\\', 'a\\=b', 'A=\\(', '\\#', '\\ ', '{}', 'x{}', '{}x', '{} ', '"{}"'];
    // Compound statements, with a script made of the pieces above in each place a list goes.
    const compounds = ['if # then # fi', 'if # then # else # fi', 'if # then # elif # then # fi', 'for i in $ do # done', 'for x in $; do # done', 'while # do # done', 'until # do # done', '{ # }', '[ $ ]', '[[ $ ]]', '[ ! $ ]', '[ $ = $ ]', '[ $ == $ ]', '[[ $ != $ ]]',
      'case $ in $) #; esac', 'case $ in $ | $) # ;; $) #;; esac', 'case $ in $) ;; $|$) # esac', 'case $ in ($) # esac',
      '[ "$#" -gt $ ]', '[ x"$#" = $ ]', '( # )', '(#)', '( # ) $', '( ( # ) )', '{ # } > $', '{ # } 2>&1 >> $ $', 'if # then # fi < $', '( # ) > $', 'while # do # done < $', '[ $ ] > $', 'f() { # }', 'f_1() { # } $'];
    const gap = (): string => (random(5) === 0 ? '' : ' '.repeat(1 + random(2)));
    const simple = (): string => {
      let s = names[random(names.length)]!;
      for (let k = random(3); k > 0; k--) s += ' ' + pieces[random(pieces.length)]!;
      return s;
    };
    const list = (depth: number): string => {
      let s = depth < 2 && random(3) === 0 ? compound(depth + 1) : simple();
      for (let k = random(3); k > 0; k--) s += gap() + operators[random(operators.length)]! + gap() + (depth < 2 && random(4) === 0 ? compound(depth + 1) : simple());
      return s + (random(6) === 0 ? '' : random(6) === 0 ? ' &' : ';') + gap();
    };
    const compound = (depth: number): string =>
      compounds[random(compounds.length)]!.replace(/[#$]/g, (m) => (m === '#' ? list(depth) : pieces[random(pieces.length)]!));
    let taken = 0;
    for (let n = 0; n < 6000; n++) {
      let s = names[random(names.length)]! + ' ';
      for (let k = random(10); k >= 0; k--) {
        s += pieces[random(pieces.length)]! + gap();
        if (random(4) === 0) s += operators[random(operators.length)]! + gap() + names[random(names.length)]! + gap();
      }
      if (same(s)) taken++;
    }
    assert.ok(taken > 800, `only ${taken} of 6000 random scripts took the fast path`);
    let compoundsTaken = 0;
    for (let n = 0; n < 6000; n++) if (same(list(0).replace(/;? *$/, random(2) === 0 ? '' : ';'))) compoundsTaken++;
    assert.ok(compoundsTaken > 500, `only ${compoundsTaken} of 6000 random compound scripts took the fast path`);
    // Lists of pipelines of up to five commands: tree-sitter-bash reads some of them as one pipeline.
    const pipelines = (): string => {
      let s = '';
      for (let k = 0, m = 1 + random(4); k < m; k++) {
        if (k > 0) s += random(2) === 0 ? ' && ' : ' || ';
        for (let j = 0, p = 1 + random(5); j < p; j++) s += (j > 0 ? ' | ' : '') + (random(3) === 0 ? simple() : names[random(3)]!);
      }
      return s;
    };
    let pipelinesTaken = 0;
    for (let n = 0; n < 4000; n++) if (same(pipelines() + (random(3) === 0 ? '; ' + pipelines() : ''))) pipelinesTaken++;
    assert.ok(pipelinesTaken > 900, `only ${pipelinesTaken} of 4000 random lists of pipelines took the fast path`);
  });

  it('agrees with tree-sitter on every word of up to four pieces, where tree-sitter-bash ends words after a `$` too', () => {
    // Pieces: unquoted text (after `$a`, each character after which the split was measured, and `+=`), `$a`,
    // `${b}`, quotes with and without an expansion, `$(c)`. Each word as an argument, a command name, an
    // assignment's value, an exported name and a redirect's destination.
    const pieces = ['x', '$a', '${b}', '"q"', '"$s"', "'r'", '$(c)'];
    const after = [...'/-.=:@%,+~*?!^#'].map((c) => c + 'y').concat(['+=y']);
    let taken = 0;
    let split = 0;
    const walk = (word: string, last: string, count: number): void => {
      if (count > 0) {
        if (same(`echo ${word} z`)) {
          taken++;
          if (parseShellFast(`echo ${word}`)!.commands[0]!.args.length > 1) split++;
        }
        same(`${word} z; A=${word} z; export ${word}; z >${word} z`);
      }
      if (count === 4) return;
      for (const p of pieces) if (!(p === 'x' && last === 'x')) walk(word + (p === 'x' && count > 0 ? '/y' : p), p, count + 1);
      if (last === '$a') for (const a of after) walk(word + a, 'x', count + 1);
    };
    walk('', '', 0);
    assert.ok(taken > 4000 && split > 600, `${taken} words taken, ${split} of them split`);
  });

  it('agrees with tree-sitter on every shell script the engine parses in the corpus and the precision files', () => {
    const texts = corpusFiles().map(([, text]) => text);
    const precision = join(__dirname, '..', '..', '..', 'model15', 'bench', 'precision', '.files');
    if (existsSync(precision)) for (const f of readdirSync(precision).sort()) texts.push(readFileSync(join(precision, f), 'utf8'));
    const sources = new Set<string>();
    for (const text of texts) {
      clearShellCache();
      analyze(text);
      for (const s of cachedShellSources()) sources.add(s);
    }
    let taken = 0;
    for (const s of sources) if (same(s)) taken++;
    if (texts.length > 0) assert.ok(taken > sources.size / 2, `only ${taken} of ${sources.size} scripts took the fast path`);
  });
});
