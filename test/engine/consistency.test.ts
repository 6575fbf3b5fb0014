/**
 * Cross-rule consistency (issue #15): facts several rules use are computed once in the model, so the rules
 * that use a fact agree about the same line. One table per fact; each row is a Dockerfile and, for every rule
 * that uses the fact, whether it reports (and, where the fact decides it, what it advises).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import type { Finding } from '../../server/src/engine/types.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

const of = (text: string, rule: string): Finding[] => lint(text).filter((f) => f.ruleId === rule);

describe('cross-rule consistency', () => {
  before(() => engineReady);

  describe('a base image for others: no start, or an interpreter or shell start', () => {
    // The same image, which builds in its final stage, keeps its compiler and runs as root; only the start differs.
    const image = (start: string): string => dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 python3-dev && rm -rf /var/lib/apt/lists/*
      COPY . /src
      RUN make -C /src
      ${start}
    `;
    const RULES = ['build-in-final-stage', 'runs-as-root', 'build-dependencies-kept'];
    const ROWS: [string, string, boolean][] = [
      ['no CMD or ENTRYPOINT', '', true],
      ['CMD ["python3"]', 'CMD ["python3"]', true],
      ['CMD ["node"]', 'CMD ["node"]', true],
      ['CMD bash (shell form)', 'CMD bash', true],
      ['CMD ["irb"]', 'CMD ["irb"]', true],
      ['wrapper entrypoint handing over to python3', 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python3"]', true],
      ['an idle start to exec into (a development container)', 'CMD ["sleep", "infinity"]', true],
      ['an idle start behind tini', 'ENTRYPOINT ["/tini", "--"]\nCMD tail -f /dev/null', true],
      ['tini starting an application', 'ENTRYPOINT ["/tini", "--"]\nCMD ["/src/app"]', false],
      ['a sleep that ends', 'CMD ["sleep", "3600"]', false],
      ['an application start', 'CMD ["/src/app"]', false],
      ['an interpreter running a program', 'CMD ["python3", "/src/app.py"]', false],
    ];
    for (const [name, start, base] of ROWS) {
      it(`${name}: ${base ? 'every rule stays quiet' : 'every rule reports'}`, () => {
        const text = image(start);
        for (const rule of RULES) assert.equal(of(text, rule).length > 0, !base, `${rule} on ${JSON.stringify(start)}`);
      });
    }
  });

  describe('an image for building distributions or packages (debootstrap, devscripts…)', () => {
    const RULES = ['build-in-final-stage', 'runs-as-root', 'build-dependencies-kept'];
    const ROWS: [string, string, boolean][] = [
      [
        'debootstrap next to the compiler, a script start: a build environment, every rule stays quiet',
        dockerfile`
          FROM ubuntu:22.04
          RUN apt-get update && apt-get install -y build-essential debootstrap isolinux git
          COPY builder /builder
          RUN make -C /builder tools
          CMD bash -c 'cd /builder ; ./prepareroot'
        `,
        true,
      ],
      [
        'sbuild pinned to a version, behind an entrypoint script',
        dockerfile`
          FROM debian:bookworm
          RUN apt-get update && apt-get install -y --no-install-recommends build-essential sbuild=0.85.0 \\
           && rm -rf /var/lib/apt/lists/*
          COPY . /src
          RUN make -C /src
          ENTRYPOINT ["/src/build-packages.sh"]
        `,
        true,
      ],
      [
        'debootstrap that a RUN already ran: it served the image build, the image is an application',
        dockerfile`
          FROM debian:bookworm
          RUN apt-get update && apt-get install -y build-essential debootstrap && debootstrap bookworm /srv/rootfs
          COPY . /src
          RUN make -C /src
          CMD ["/src/app"]
        `,
        false,
      ],
      [
        'devscripts as a build dependency of an ordinary source build: not a package-building image',
        dockerfile`
          FROM debian:sid-slim
          RUN apt-get update && apt-get install -y build-essential cmake devscripts
          COPY . /src
          RUN cmake -S /src -B /build && make -C /build install
          CMD ["/usr/local/bin/app"]
        `,
        false,
      ],
      [
        'debootstrap only in a builder stage that does not ship: the final image is an application',
        dockerfile`
          FROM debian:bookworm AS rootfs
          RUN apt-get update && apt-get install -y debootstrap && debootstrap bookworm /rootfs
          FROM debian:bookworm-slim
          RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
          COPY . /src
          RUN make -C /src
          CMD ["/src/app"]
        `,
        false,
      ],
    ];
    for (const [name, text, quiet] of ROWS) {
      it(`${name}`, () => {
        for (const rule of RULES) assert.equal(of(text, rule).length > 0, !quiet, rule);
      });
    }
  });

  describe('a toolchain installed, used and purged in one RUN', () => {
    const ROWS: { name: string; text: string; buildInFinal: boolean; kept: boolean; largeBase: boolean }[] = [
      {
        name: 'on a slim image: nothing of the toolchain ships, nothing to say',
        text: dockerfile`
          FROM python:3.12-slim
          RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
           && pip install --no-cache-dir psycopg2 \\
           && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*
          CMD ["python", "app.py"]
        `,
        buildInFinal: false,
        kept: false,
        largeBase: false,
      },
      {
        name: 'on the full image: not a final-stage build; the unused full image is large-base-image\'s',
        text: dockerfile`
          FROM python:3.12
          RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
           && pip install --no-cache-dir psycopg2 \\
           && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*
          CMD ["python", "app.py"]
        `,
        buildInFinal: false,
        kept: false,
        largeBase: true,
      },
      {
        name: 'purged only in a later RUN: the toolchain ships, every rule says so its own way',
        text: dockerfile`
          FROM python:3.12-slim
          RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
          RUN pip install --no-cache-dir psycopg2
          RUN apt-get purge -y --auto-remove gcc libpq-dev
          CMD ["python", "app.py"]
        `,
        buildInFinal: true,
        kept: true,
        largeBase: false,
      },
      {
        name: 'a language toolchain image (golang) still builds in the final stage, whatever the RUN purges',
        text: dockerfile`
          FROM golang:1.23
          WORKDIR /src
          COPY . .
          RUN apt-get update && apt-get install -y --no-install-recommends gcc && go build -o /app . && apt-get purge -y --auto-remove gcc
          CMD ["/app"]
        `,
        buildInFinal: true,
        kept: false,
        largeBase: false,
      },
      {
        name: 'a JDK image (eclipse-temurin JDK) compiling with javac in the final stage: the JDK ships, whatever the RUN purges',
        text: dockerfile`
          FROM eclipse-temurin:21-jdk
          WORKDIR /src
          COPY . .
          RUN apt-get update && apt-get install -y --no-install-recommends gcc && javac -d /classes Main.java && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*
          CMD ["java", "-cp", "/classes", "Main"]
        `,
        buildInFinal: true,
        kept: false,
        largeBase: false,
      },
    ];
    for (const row of ROWS) {
      it(row.name, () => {
        assert.equal(of(row.text, 'build-in-final-stage').length > 0, row.buildInFinal, 'build-in-final-stage');
        assert.equal(of(row.text, 'build-dependencies-kept').length > 0, row.kept, 'build-dependencies-kept');
        assert.equal(of(row.text, 'large-base-image').length > 0, row.largeBase, 'large-base-image');
      });
    }
  });

  describe('the npm version in force (node: tag, npm@N installs)', () => {
    // npm-cache-kept accepts a bare `npm cache clean` exactly where npm-dev-dependencies-installed advises
    // `--production` for npm 6 and older, and both follow an upgrade of npm.
    const ROWS: [string, string, boolean, string][] = [
      ['node:6 (npm 3)', 'FROM node:6\nRUN npm install && npm cache clean\nCMD ["node", "index.js"]\n', true, '--production'],
      ['node:boron (npm 3)', 'FROM node:boron\nRUN npm install && npm cache clean\nCMD ["node", "index.js"]\n', true, '--production'],
      ['node:10 (npm 6)', 'FROM node:10\nRUN npm install && npm cache clean\nCMD ["node", "index.js"]\n', false, '--production'],
      ['node:10 with npm@4 installed first', 'FROM node:10\nRUN npm i -g npm@4 && npm install && npm cache clean\nCMD ["node", "index.js"]\n', true, '--production'],
      ['node:6 with npm@latest installed first', 'FROM node:6\nRUN npm i -g npm@latest && npm install && npm cache clean\nCMD ["node", "index.js"]\n', false, '--omit=dev'],
      ['node:22', 'FROM node:22\nRUN npm install && npm cache clean\nCMD ["node", "index.js"]\n', false, '--omit=dev'],
    ];
    for (const [name, text, bareCleans, flag] of ROWS) {
      it(`${name}: bare clean ${bareCleans ? 'cleans' : 'does not clean'}, ${flag}`, () => {
        // The project's `npm install` (an upgrade of npm is written `npm i` here).
        const project = of(text, 'npm-cache-kept').filter((f) => /^"npm install" leaves/.test(f.message));
        assert.equal(project.length === 0, bareCleans, 'npm-cache-kept on the project install');
        const dev = of(text, 'npm-dev-dependencies-installed');
        assert.equal(dev.length, 1);
        assert.match(dev[0]!.message, new RegExp(`Add ${flag}\\.`));
      });
    }
  });

  describe('Debian releases named in the tag (one table: catalog/releases.ts)', () => {
    // useradd-without-no-log-init knows the release's shadow grows lastlog; build-in-final-stage knows the
    // release and says it is at its end of life instead of "not known".
    const image = (tag: string): string => dockerfile`
      FROM debian:${tag}
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
      COPY . /src
      RUN make -C /src && useradd -u 123456 app
      USER app
      CMD ["/src/app"]
    `;
    const ROWS: [string, boolean, RegExp][] = [
      ['stretch-slim', true, /Debian stretch \(9\), at its end of life since 2022-06-30/],
      ['9-slim', true, /Debian stretch \(9\), at its end of life since 2022-06-30/],
      ['buster-slim', true, /Debian buster \(10\), at its end of life since 2024-06-30/],
      ['10', true, /Debian buster \(10\), at its end of life since 2024-06-30/],
      ['bookworm-slim', false, /^(?![\s\S]*(?:end of life|not known))/],
    ];
    for (const [tag, grows, split] of ROWS) {
      it(`debian:${tag}`, () => {
        const text = image(tag);
        assert.equal(of(text, 'useradd-without-no-log-init').length > 0, grows, 'useradd-without-no-log-init');
        const build = of(text, 'build-in-final-stage');
        assert.equal(build.length, 1);
        assert.match(build[0]!.message, split);
        assert.doesNotMatch(build[0]!.message, /release that image is built on is not known/);
      });
    }
  });

  describe('cross compilers are toolchain packages', () => {
    it('build-dependencies-kept reports them on a slim image, and large-base-image leaves a full image that keeps them alone, as for gcc', () => {
      for (const pkg of ['gcc', 'gcc-aarch64-linux-gnu', 'crossbuild-essential-arm64']) {
        const on = (image: string): string => `FROM ${image}\nRUN apt-get update && apt-get install -y --no-install-recommends ${pkg} && rm -rf /var/lib/apt/lists/*\nCMD ["python", "app.py"]\n`;
        assert.equal(of(on('python:3.12-slim'), 'build-dependencies-kept').length, 1, `build-dependencies-kept, ${pkg}`);
        assert.equal(of(on('python:3.12'), 'large-base-image').length, 0, `large-base-image, ${pkg}`);
      }
      // A runtime package on the full image: the slim image is proposed.
      const curl = 'FROM python:3.12\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCMD ["python", "app.py"]\n';
      assert.equal(of(curl, 'large-base-image').length, 1);
    });
  });
  describe('a downloaded or ADDed archive: one rule per file (issue #20)', () => {
    const RULES = ['downloaded-archive-kept', 'cleanup-in-later-layer', 'add-remote-archive'] as const;
    const ROWS: { name: string; text: string; reports: (typeof RULES)[number] | null }[] = [
      {
        name: 'downloaded and unpacked in one RUN, never deleted',
        text: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz && tar -xzf /tmp/a.tar.gz -C /opt\n',
        reports: 'downloaded-archive-kept',
      },
      {
        name: 'downloaded and unpacked, deleted in a later RUN',
        text: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz && tar -xzf /tmp/a.tar.gz -C /opt\nRUN rm /tmp/a.tar.gz\n',
        reports: 'cleanup-in-later-layer',
      },
      {
        name: 'ADDed from a URL and unpacked by a RUN, never deleted',
        text: 'FROM debian:bookworm-slim\nADD https://example.com/a.tar.gz /tmp/a.tar.gz\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n',
        reports: 'add-remote-archive',
      },
      {
        name: 'ADDed from a URL, unpacked and deleted by a RUN',
        text: 'FROM debian:bookworm-slim\nADD https://example.com/a.tar.gz /tmp/a.tar.gz\nRUN tar -xzf /tmp/a.tar.gz -C /opt && rm /tmp/a.tar.gz\n',
        reports: 'add-remote-archive',
      },
      {
        name: 'downloaded, unpacked and deleted in one RUN',
        text: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz && tar -xzf /tmp/a.tar.gz -C /opt && rm /tmp/a.tar.gz\n',
        reports: null,
      },
    ];
    for (const row of ROWS) {
      it(`${row.name}: ${row.reports ?? 'no rule'} reports`, () => {
        for (const rule of RULES) assert.equal(of(row.text, rule).length > 0, rule === row.reports, rule);
      });
    }
  });

  describe('what the shipped image starts, on a JDK image (issue #20)', () => {
    // jdk-where-jre-would-do and runs-as-root read the same start command (startCommand.ts): an image that starts
    // no program of its own, or a shell or jshell, is a base for others, and neither says anything about it.
    const image = (start: string): string => `FROM eclipse-temurin:17-jdk\nCOPY app.jar /app.jar\n${start}\n`;
    const RULES = ['jdk-where-jre-would-do', 'runs-as-root'];
    const ROWS: [string, string, boolean][] = [
      ['no CMD or ENTRYPOINT', '', true],
      ['CMD ["jshell"]', 'CMD ["jshell"]', true],
      ['CMD bash (shell form)', 'CMD bash', true],
      ['wrapper entrypoint handing over to jshell', 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["jshell"]', true],
      ['java -jar (exec form)', 'CMD ["java", "-jar", "/app.jar"]', false],
      ['java -jar (ENTRYPOINT, shell form)', 'ENTRYPOINT java -jar /app.jar', false],
    ];
    for (const [name, start, base] of ROWS) {
      it(`${name}: ${base ? 'both stay quiet' : 'both report'}`, () => {
        for (const rule of RULES) assert.equal(of(image(start), rule).length > 0, !base, `${rule} on ${JSON.stringify(start)}`);
      });
    }
  });

  describe('which stages ship: a last stage named test does not (issue #20)', () => {
    // Every size rule reads Stage.ships: the test stage's downloads, clones and apt lists are not in the image.
    const text = (name: string): string => dockerfile`
      FROM golang:1.22 AS build
      WORKDIR /src
      COPY . .
      RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app . && go build -o /out/app.test ./test
      FROM debian:bookworm-slim AS app
      COPY --from=build /out/app /usr/local/bin/app
      CMD ["app"]
      FROM app AS ${name}
      WORKDIR /test
      COPY --from=build /out/app.test /usr/local/bin/app.test
      RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends git wget
      RUN git clone https://github.com/example/testdata /data && wget -q https://example.com/t.tar.gz && tar -xf t.tar.gz
    `;
    const RULES = ['apt-lists-left', 'distro-upgrade-in-image', 'git-history-shipped', 'downloaded-archive-kept', 'go-binary-unstripped'];
    for (const [name, ships] of [['test', false], ['tests', false], ['testing', false], ['tester', true], ['e2e', true]] as const) {
      it(`AS ${name}: ${ships ? 'it ships, every rule reports' : 'it does not ship, no rule reports'}`, () => {
        for (const rule of RULES) assert.equal(of(text(name), rule).length > 0, ships, rule);
      });
    }
  });

  describe('which stage ships: the rules about the shipped image read the tip, not a last test stage (issue #20)', () => {
    // A last stage named test that builds FROM another is a test run; the stage it builds FROM is the image
    // (`shippedTip`). Each row puts a problem in the tip and the opposite in the test stage, or the reverse: the
    // rules judge the tip either way.
    const withTest = (tip: string, test: string): string =>
      `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n${tip}\nFROM app AS test\n${test}\n`;
    const debianTip = (start: string): string =>
      `FROM debian:bookworm-slim AS app\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*\nCOPY . /src\nRUN make -C /src\n${start}`;
    const ROWS: [string, string, string, string[], boolean][] = [
      ['the tip runs as root, the test stage as nobody', 'FROM debian:bookworm-slim AS app\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]', 'USER nobody', ['runs-as-root'], true],
      ['the tip runs as nobody, the test stage as root', 'FROM debian:bookworm-slim AS app\nCOPY --from=build /out/app /usr/local/bin/app\nUSER nobody\nCMD ["app"]', 'USER root', ['runs-as-root'], false],
      ['the tip starts a script as PID 1, the test stage the program', 'FROM debian:bookworm-slim AS app\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY start.sh /start.sh\nCMD ["/start.sh"]', 'CMD ["app"]', ['pid1-without-init'], true],
      ['the tip starts the program, the test stage a script', 'FROM debian:bookworm-slim AS app\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]', 'COPY run-tests.sh /run-tests.sh\nCMD ["/run-tests.sh"]', ['pid1-without-init'], false],
      ['the tip is scratch without CA roots, the test stage adds them', 'FROM scratch AS app\nCOPY --from=build /out/app /app\nENV API_URL=https://api.example.com\nENTRYPOINT ["/app"]', 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', ['tls-roots-missing'], true],
      ['the tip builds and starts an application, the test stage a shell', debianTip('CMD ["/src/app"]'), 'CMD ["bash"]', ['build-in-final-stage', 'build-dependencies-kept', 'runs-as-root'], true],
      ['the tip is an image to build on (a shell start), the test stage starts an application', debianTip('CMD ["bash"]'), 'CMD ["/src/app"]', ['build-in-final-stage', 'build-dependencies-kept', 'runs-as-root'], false],
    ];
    // pid1-without-init is off by default: every rule is switched on.
    const on = (text: string, rule: string): Finding[] => lint(text, { rules: { [rule]: 'warning' } }).filter((f) => f.ruleId === rule);
    for (const [name, tip, test, rules, reports] of ROWS) {
      it(`${name}: ${reports ? 'reported' : 'quiet'} (${rules.join(', ')})`, () => {
        for (const rule of rules) assert.equal(on(withTest(tip, test), rule).length > 0, reports, rule);
      });
    }
    it('the same files without the test stage: the same answers', () => {
      for (const [, tip, , rules, reports] of ROWS) {
        const alone = `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n${tip}\n`;
        for (const rule of rules) assert.equal(on(alone, rule).length > 0, reports, `${rule} on ${tip}`);
      }
    });
  });

  describe('the Go build environment: go-binary-unstripped and libc-mismatch read it the same ways (issue #20)', () => {
    // A cgo build on glibc copied into Alpine (libc-mismatch) and linked without -s -w (go-binary-unstripped):
    // CGO_ENABLED=0 and GOFLAGS=-ldflags=-w, set by ENV, go env -w, a prefix or a declaration earlier in the RUN
    // that puts them in go's environment (`export`, `declare -x`, `readonly` of a variable ENV set), silence both.
    const image = (setting: string, build: string): string =>
      `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n${setting}RUN ${build}\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
    const RULES = ['libc-mismatch', 'go-binary-unstripped'];
    const ROWS: [string, string, string, boolean][] = [
      ['nothing set', '', 'go build -o /out/app .', true],
      ['ENV', 'ENV CGO_ENABLED=0 GOFLAGS=-ldflags=-w\n', 'go build -o /out/app .', false],
      ['go env -w in an earlier RUN', 'RUN go env -w CGO_ENABLED=0 GOFLAGS=-ldflags=-w\n', 'go build -o /out/app .', false],
      ['prefix assignments', '', 'CGO_ENABLED=0 GOFLAGS=-ldflags=-w go build -o /out/app .', false],
      ['set for another program only', '', 'CGO_ENABLED=0 GOFLAGS=-ldflags=-w go build -o /out/tool ./tool && go build -o /out/app .', true],
      ['export in the same RUN', '', 'export CGO_ENABLED=0 GOFLAGS=-ldflags=-w && go build -o /out/app .', false],
      ['declare -x, typeset -x', '', 'declare -x CGO_ENABLED=0; typeset -x GOFLAGS=-ldflags=-w; go build -o /out/app .', false],
      ['readonly of variables ENV set', 'ENV CGO_ENABLED=1 GOFLAGS=-v\n', 'readonly CGO_ENABLED=0 GOFLAGS=-ldflags=-w; go build -o /out/app .', false],
      ['readonly of new variables: shell variables go does not see', '', 'readonly CGO_ENABLED=0 GOFLAGS=-ldflags=-w; go build -o /out/app .', true],
      ['exported in a subshell that ended', '', '(export CGO_ENABLED=0 GOFLAGS=-ldflags=-w) && go build -o /out/app .', true],
      ['exported after the build', '', 'go build -o /out/app . && export CGO_ENABLED=0 GOFLAGS=-ldflags=-w', true],
      ['bare assignments of variables nothing exported: shell variables go does not see', '', 'CGO_ENABLED=0 GOFLAGS=-ldflags=-w; go build -o /out/app .', true],
      ['bare assignments of variables ENV set (exported)', 'ENV CGO_ENABLED=1 GOFLAGS=-v\n', 'CGO_ENABLED=0 GOFLAGS=-ldflags=-w && go build -o /out/app .', false],
      ['bare assignments, then export NAME', '', 'CGO_ENABLED=0 GOFLAGS=-ldflags=-w; export CGO_ENABLED GOFLAGS; go build -o /out/app .', false],
      ['ENV values unset in the RUN', 'ENV CGO_ENABLED=0 GOFLAGS=-ldflags=-w\n', 'unset CGO_ENABLED GOFLAGS; go build -o /out/app .', true],
      ['the copied file is not a program built here', '', 'go build -o /out/tool . && touch /out/app', false],
    ];
    for (const [name, setting, build, reports] of ROWS) {
      it(`${name}: ${reports ? 'both report' : 'both stay quiet'}`, () => {
        for (const rule of RULES) assert.equal(of(image(setting, build), rule).length > 0, reports, rule);
      });
    }
  });
  describe('the working directory in force (one timeline: model/timeline.ts)', () => {
    // A relative path resolved against the WORKDIR: the layer walk (cleanup-in-later-layer) and
    // chmod-after-copy read the same directory, so both report or both stay quiet.
    const image = (from: string, workdir: string): string => dockerfile`
      FROM ${from}
      ARG APP=/srv/app
      WORKDIR ${workdir}
      COPY run.sh .
      RUN chmod 755 run.sh
      RUN wget -O pkg.tgz https://example.com/pkg.tgz && tar -xzf pkg.tgz
      RUN rm pkg.tgz
      CMD ["./run.sh"]
    `;
    const RULES = ['cleanup-in-later-layer', 'chmod-after-copy'];
    const ROWS: [string, string, string, boolean][] = [
      ['a relative WORKDIR on an image whose default is /', 'python:3.12-slim', 'app', true],
      ['a WORKDIR from an ARG default', 'example.com/team/base:1', '$APP', true],
      ['a relative WORKDIR on an image the catalog does not know', 'example.com/team/base:1', 'app', false],
      ['a WORKDIR whose variable has no value', 'python:3.12-slim', '$NOWHERE', false],
    ];
    for (const [name, from, workdir, known] of ROWS) {
      it(`${name}: ${known ? 'every rule reports' : 'every rule stays quiet'}`, () => {
        const text = image(from, workdir);
        for (const rule of RULES) assert.equal(of(text, rule).length > 0, known, `${rule} on ${from} / ${workdir}`);
      });
    }
  });
  describe('ARG scope (one timeline: model/timeline.ts)', () => {
    // An ARG goes out of scope at the end of its stage: a stage built FROM it does not see it, unless it
    // declares it again. The layer walk and chmod-after-copy read WORKDIR $APP the same way.
    const image = (redeclare: string): string => dockerfile`
      ARG APP=/srv/app
      FROM python:3.12-slim AS base
      ARG APP
      FROM base
      ${redeclare}
      WORKDIR $APP
      COPY run.sh .
      RUN chmod 755 run.sh
      RUN wget -O pkg.tgz https://example.com/pkg.tgz && tar -xzf pkg.tgz
      RUN rm pkg.tgz
      CMD ["./run.sh"]
    `;
    const RULES = ['cleanup-in-later-layer', 'chmod-after-copy'];
    const ROWS: [string, string, boolean][] = [
      ['declared only in the stage built FROM: out of scope, the directory is not known', '', false],
      ['declared again (ARG APP takes the global default): /srv/app', 'ARG APP', true],
    ];
    for (const [name, redeclare, known] of ROWS) {
      it(`${name}: ${known ? 'every rule reports' : 'every rule stays quiet'}`, () => {
        const text = image(redeclare);
        for (const rule of RULES) assert.equal(of(text, rule).length > 0, known, rule);
      });
    }
  });

  describe('the user in force (one timeline: model/timeline.ts)', () => {
    // USER set in a stage this one builds FROM is in force here: runs-as-root and the cache-mount fixes (which
    // need root to write the mount) read the same user.
    const image = (user: string): string => dockerfile`
      FROM python:3.12-slim AS base
      RUN useradd -m app
      ${user}
      FROM base
      RUN pip install flask
      CMD ["python3", "-m", "flask", "run"]
    `;
    // A cache mount under a home directory belongs to root: offered only to a RUN that runs as root.
    const mountFix = (text: string): boolean => of(text, 'pip-cache-kept').some((f) => f.fixes.some((x) => /cache mount/.test(x.title)));
    const ROWS: [string, string, boolean][] = [
      ['no USER: root', '', true],
      ['USER app in the stage built FROM', 'USER app', false],
      ['USER app, then USER root again', 'USER app\nUSER root', true],
      ['USER 0:0', 'USER 0:0', true],
    ];
    for (const [name, user, root] of ROWS) {
      it(`${name}: ${root ? 'runs-as-root reports and the cache-mount fix is offered' : 'neither'}`, () => {
        const text = image(user);
        assert.equal(of(text, 'runs-as-root').length > 0, root, 'runs-as-root');
        assert.equal(mountFix(text), root, 'pip-cache-kept cache-mount fix');
      });
    }
  });
});
