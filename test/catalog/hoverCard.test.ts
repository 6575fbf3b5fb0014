import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageRef, type ImageRef } from '../../server/src/engine/catalog/imageRef';
import { lookupImage } from '../../server/src/engine/catalog/images';
import { escapeMarkdown, flagHoverMarkdown, imageHoverMarkdown } from '../../server/src/engine/catalog/hoverCard';

function card(text: string, vars: Record<string, string> = {}): string {
  const ref = parseImageRef(text, (n) => vars[n]);
  assert.ok(ref, text);
  return imageHoverMarkdown(ref, lookupImage(ref));
}

const MUSL_MARKERS = ['musl libc: what differs from glibc', '128 KiB', 'ndots', 'musl 1.2.4 (Alpine 3.18)', '`backtrace()`', '`//TRANSLIT`', 'mimalloc'];

describe('imageHoverMarkdown', () => {
  it('renders a complete card for node:22-slim', () => {
    assert.equal(
      card('node:22-slim'),
      [
        // The summary: C library · shell · package manager · size, then the best smaller image.
        '**node\\:22\\-slim** · Node.js, Debian slim\\',
        'glibc · /bin/bash · apt · ≈ 238.4 MB\\',
        'Smaller: `gcr.io/distroless/nodejs22-debian12` (see below)',
        '',
        '---',
        '',
        '- libc: glibc',
        '- Shell: yes, /bin/bash',
        '- Package manager: apt',
        '- Compilers/SDK: no',
        '- Size: about 238.4 MB uncompressed, as `docker images` shows it (source: docker-library/repo-info repos/node/local/22-slim.md: node:22-bookworm-slim, linux/amd64, 2026-09-19, "Virtual Size: ~ 227.34 Mb" (MiB)); about 79.9 MB compressed, approximate (node:22-slim, linux/amd64, 2026-09-19; source: docker-library/repo-info repos/node/remote/22-slim.md)',
        '',
        '**Slimmer alternatives**',
        '',
        '- gcr\\.io\\/distroless\\/nodejs22\\-debian12: no shell, no npm: exec-form CMD, copy `node_modules` from a build stage',
      ].join('\n'),
    );
  });

  it('leads with a summary: the -slim variant and what it saves, or no smaller line; in Chinese too', () => {
    const node = card('node:22').split('\n');
    assert.deepEqual(node.slice(0, 5), ['**node\\:22** · Node.js, Debian (buildpack-deps)\\', 'glibc · /bin/bash · apt · ≈ 1213.3 MB\\', 'Smaller: `node:22-slim`, ≈ 974.9 MB less', '', '---']);
    const alpine = card('alpine:3.20').split('\n');
    assert.deepEqual(alpine.slice(0, 4), ['**alpine\\:3\\.20** · Alpine Linux, Alpine\\', 'musl · /bin/sh (BusyBox ash) · apk · ≈ 8.8 MB', '', '---']);
    assert.equal(card('scratch').split('\n')[1], 'none (static binaries only) · no shell · no package manager · empty');
    const ref = parseImageRef('python:3.12')!;
    const zh = imageHoverMarkdown(ref, lookupImage(ref), 'zh-cn').split('\n');
    assert.deepEqual(zh.slice(1, 3), ['glibc · /bin/bash · apt · 约 1191.9 MB\\', '更小的选择：`python:3.12-slim`，约小 1066.9 MB']);
  });

  it('lists the musl traps for Alpine images', () => {
    for (const text of ['node:22-alpine', 'python:3.12-alpine', 'alpine:3.24', 'golang:1.25-alpine', 'busybox:musl']) {
      const md = card(text);
      for (const marker of MUSL_MARKERS) assert.ok(md.includes(marker), `${text} mentions ${marker}`);
    }
  });

  it('adds the language-specific musl notes only where they apply', () => {
    assert.ok(card('python:3.12-alpine').includes('`musllinux` wheels'));
    assert.ok(card('alpine:3.24').includes('`musllinux` wheels'));
    assert.ok(!card('node:22-alpine').includes('musllinux'));
    assert.ok(card('node:22-alpine').includes('unofficial-builds.nodejs.org'));
    assert.ok(!card('python:3.12-alpine').includes('unofficial-builds'));
  });

  it('has no musl notes for glibc images', () => {
    for (const text of ['node:22-slim', 'python:3.12-slim', 'debian:bookworm-slim', 'node:22']) {
      const md = card(text);
      assert.ok(!md.includes('musl'), text);
      assert.ok(!md.includes('128 KiB'), text);
    }
  });

  it('explains what scratch lacks', () => {
    const md = card('scratch');
    assert.ok(md.includes('**scratch: what is missing**'));
    assert.ok(md.includes('- Size: empty (0 bytes)'));
    for (const marker of ['exec (JSON array) form', 'No libc', 'CA certificates', 'numeric `USER`', 'time-zone data']) {
      assert.ok(md.includes(marker), marker);
    }
  });

  it('explains distroless, with the debug variant told apart', () => {
    const plain = card('gcr.io/distroless/static-debian12');
    assert.ok(plain.includes('**Distroless: what is missing**'));
    assert.ok(plain.includes('- Shell: no'));
    assert.ok(plain.includes('- Contains: CA certificates, tzdata, /etc/passwd with root and nonroot users, /tmp; no libc'));
    assert.ok(plain.includes('The `:debug` tags add a BusyBox shell'));
    const debug = card('gcr.io/distroless/static-debian12:debug');
    assert.ok(debug.includes('- Shell: yes, /busybox/sh (BusyBox)'));
    assert.ok(debug.includes('`SHELL ["/busybox/sh", "-c"]`'));
    assert.ok(!debug.includes('No shell'));
  });

  it('labels sizes as approximate with their date and source, or as unknown', () => {
    assert.ok(card('python:3.12-slim').includes('approximate (python:3.12-slim, linux/amd64, 2026-08-05; source: docker-library/repo-info'));
    assert.ok(card('gcc:14').includes('- Size: unknown (no sourced figure in the catalog)'));
  });

  it('gives both units where both are known, the compressed one alone labelled as such, and what -slim saves', () => {
    const sizeOf = (text: string) => card(text).split('\n').filter((l) => l.startsWith('- Size') || l.startsWith('- `-slim`'));
    assert.deepEqual(sizeOf('alpine:3.20'), [
      '- Size: about 8.8 MB uncompressed, as `docker images` shows it (source: docker-library/repo-info repos/alpine/local/3.24.2.md: alpine:3.24.2, linux/amd64, 2026-09-17, "Virtual Size: ~ 8.42 Mb" (MiB)); about 3.8 MB compressed, approximate (alpine:3.24, linux/amd64, 2026-09-17; source: docker-library/repo-info repos/alpine/remote/3.24.md)',
    ]);
    assert.deepEqual(sizeOf('node:22'), [
      '- Size: about 1213.3 MB uncompressed, as `docker images` shows it (source: docker-library/repo-info repos/node/local/22.23.3.md: node:22, linux/amd64, 2026-09-23, "Virtual Size: ~ 1.13 Gb" (GiB)); about 408.5 MB compressed, approximate (node:22, linux/amd64, 2026-09-19; source: docker-library/repo-info repos/node/remote/22.md)',
      '- `-slim` variant (node\\:22\\-slim): about 974.9 MB smaller uncompressed (an estimate: the difference of the two catalog figures)',
    ]);
    assert.deepEqual(sizeOf('debian:bookworm')[1], '- `-slim` variant (debian\\:bookworm\\-slim): about 43.5 MB smaller uncompressed (an estimate: the difference of the two catalog figures)');
    // rust:1-slim is known compressed only, rust:1 not at all: no difference to give.
    assert.deepEqual(sizeOf('rust:1'), ['- Size: unknown (no sourced figure in the catalog)']);
    assert.deepEqual(sizeOf('python:3.12-alpine'), ['- Size: about 18.0 MB compressed, approximate (python:3.12-alpine, linux/amd64, 2026-09-17; source: docker-library/repo-info repos/python/remote/3.12-alpine.md)']);
  });

  it('shows toolchain notes and no-shell traps where they apply', () => {
    const go = card('golang:1.25');
    assert.ok(go.includes('- Compilers/SDK: yes'));
    assert.ok(go.includes('Build image: compile here'));
    const chiseled = card('mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled');
    assert.ok(chiseled.includes('**No shell**'));
    const win = card('python:3.12-windowsservercore-ltsc2022');
    assert.ok(win.includes('- libc: Windows (no Linux libc)'));
    assert.ok(win.includes('**Windows**'));
  });

  it('handles images outside the catalog and unresolved references', () => {
    assert.equal(card('localhost:5000/my_app:1'), '**localhost\\:5000\\/my\\_app\\:1**\n\nNot in the image catalog: no libc, shell or size facts.');
    assert.equal(card('node:${NODE_VERSION}'), '**node\\:\\$\\{NODE\\_VERSION\\}**\n\nNot known: it depends on NODE\\_VERSION.');
    assert.ok(card('node:${V}-alpine').includes('- Depends on unset variables: V'));
  });

  it('shortens digests', () => {
    const md = card(`node:22@sha256:${'0123456789abcdef'.repeat(4)}`);
    assert.ok(md.startsWith('**node\\:22\\@sha256\\:0123456789ab…**'));
  });

  it('escapes markdown in names taken from the Dockerfile', () => {
    const base = parseImageRef('node:22')!;
    const evil: ImageRef = { ...base, familiarName: 'evil*name_<script>[x](y)', tag: null };
    const md = imageHoverMarkdown(evil, null);
    assert.equal(md.split('\n')[0], '**evil\\*name\\_\\<script\\>\\[x\\]\\(y\\)**');
    assert.ok(!md.includes('<script>'));
    assert.ok(!md.includes('](y)'));
  });

  it('never emits links or command URIs', () => {
    for (const text of ['node:22', 'node:22-alpine', 'scratch', 'gcr.io/distroless/cc-debian12', 'cgr.dev/chainguard/node:latest-dev', 'mcr.microsoft.com/dotnet/sdk:8.0']) {
      const md = card(text);
      assert.ok(!md.includes('command:'), text);
      assert.ok(!/\]\(/.test(md), text);
      assert.ok(!/https?:/.test(md), text);
    }
  });
});

describe('escapeMarkdown', () => {
  it('escapes ASCII punctuation and flattens line breaks', () => {
    assert.equal(escapeMarkdown('a*b_c<d>'), 'a\\*b\\_c\\<d\\>');
    assert.equal(escapeMarkdown('`code` #h [l](u) !x |t| ~s~'), '\\`code\\` \\#h \\[l\\]\\(u\\) \\!x \\|t\\| \\~s\\~');
    assert.equal(escapeMarkdown('one\ntwo\r\nthree'), 'one two three');
    assert.equal(escapeMarkdown('plain text 123'), 'plain text 123');
    assert.equal(escapeMarkdown('\\'), '\\\\');
  });
});

describe('flagHoverMarkdown', () => {
  const title = (tool: string, flag: string) => flagHoverMarkdown(tool, flag)?.split('\n')[0] ?? null;
  const ROWS: [string, string, string | null][] = [
    ['apk', '--no-cache', '**apk --no-cache**'],
    ['/sbin/apk', '--virtual', '**apk --virtual**'],
    ['apk', '-t', '**apk --virtual**'],
    ['apt-get', '--no-install-recommends', '**apt-get --no-install-recommends**'],
    ['apt', '--no-install-recommends', '**apt-get --no-install-recommends**'],
    ['apt-get', '-y', '**apt-get -y**'],
    ['apt-get', '-qqy', '**apt-get -y**'],
    ['apt-get', '--assume-yes', '**apt-get -y**'],
    ['dnf', '--setopt=install_weak_deps=False', '**--setopt=install_weak_deps=False**'],
    ['yum', '--setopt=install_weak_deps=0', '**--setopt=install_weak_deps=False**'],
    ['microdnf', 'install_weak_deps=false', '**--setopt=install_weak_deps=False**'],
    ['yum', '--setopt=tsflags=nodocs', '**--setopt=tsflags=nodocs**'],
    ['dnf', '-y', '**yum/dnf -y**'],
    ['microdnf', '--nodocs', '**microdnf --nodocs**'],
    ['zypper', '--no-recommends', '**zypper --no-recommends**'],
    ['pip', '--no-cache-dir', '**pip --no-cache-dir**'],
    ['pip3', '--no-cache-dir', '**pip --no-cache-dir**'],
    ['/usr/local/bin/pip3.12', '--no-cache-dir', '**pip --no-cache-dir**'],
    ['npm', '--omit=dev', '**npm --omit=dev**'],
    ['useradd', '-l', '**useradd -l (--no-log-init)**'],
    ['useradd', '--no-log-init', '**useradd -l (--no-log-init)**'],
    ['useradd', '-lm', '**useradd -l (--no-log-init)**'],
    ['apk', '--update', null],
    ['npm', '--no-cache-dir', null],
    ['apt-get', '--no-cache', null],
    ['useradd', '-u', null],
    ['yum', '--setopt=install_weak_deps=True', null],
  ];
  for (const [tool, flag, expected] of ROWS) {
    it(`${tool} ${flag}`, () => assert.equal(title(tool, flag), expected));
  }

  it('gives a short explanation after the title', () => {
    const md = flagHoverMarkdown('apt-get', '--no-install-recommends')!;
    const [head, blank, body, ...rest] = md.split('\n');
    assert.equal(head, '**apt-get --no-install-recommends**');
    assert.equal(blank, '');
    assert.deepEqual(rest, []);
    assert.ok(body!.includes('35.5 MB with recommends and 32.0 MB without'));
    for (const [tool, flag, expected] of ROWS) {
      if (expected === null) continue;
      const text = flagHoverMarkdown(tool, flag)!.split('\n')[2]!;
      const sentences = text.split(/(?<=\.)\s+(?=[A-Z`])/).length;
      assert.ok(sentences >= 1 && sentences <= 2, `${tool} ${flag}: ${sentences} sentences`);
    }
  });
});
