/**
 * The six ways a split went wrong on real projects (issue #13), each with a case that must split correctly
 * (exact output that parses, adds one stage and re-lints without a split or libc finding) and a case that
 * must be refused (the exact reason, which the `build-in-final-stage` finding repeats).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFixes } from '../../server/src/engine/fixer.js';
import { lint } from '../../server/src/engine/linter.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { splitSaving } from '../../server/src/engine/model/splitEstimate.js';
import { planSplit, savingLabel, SPLIT_TITLE } from '../../server/src/engine/split/split.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';
import type { BuildContextInfo } from '../../server/src/engine/types.js';

/** The split must be offered with this title and give exactly `output`, which re-lints clean. */
function mustSplit(input: string, title: string, output: string, context: BuildContextInfo = {}): void {
  const r = planSplit(buildModel(input), context);
  assert.ok(!('reason' in r), `refused: ${'reason' in r ? r.reason : ''}`);
  assert.equal(r.fix.title, `${SPLIT_TITLE}: ${title}`);
  const out = applyFixes(input, [r.fix]);
  assert.deepEqual(out.taken, [0]);
  assert.equal(out.text, output);
  assert.equal(buildModel(output).stages.length, buildModel(input).stages.length + 1);
  assert.ok('reason' in planSplit(buildModel(output), context), 'the output would be split again');
  const left = lint(output, { context }).filter((f) => f.ruleId === 'build-in-final-stage' || f.ruleId === 'libc-mismatch');
  assert.deepEqual(left.map((f) => f.message), []);
}

/** No split, for exactly this reason, and the finding says so. */
function mustRefuse(input: string, reason: string, context: BuildContextInfo = {}): void {
  const r = planSplit(buildModel(input), context);
  assert.ok('reason' in r, 'a split was offered');
  assert.equal(r.reason, reason);
  const finding = lint(input, { context }).find((f) => f.ruleId === 'build-in-final-stage');
  assert.ok(finding, 'no build-in-final-stage finding');
  // The finding quotes with plain quotes where the reason (written for Markdown) has backticks.
  assert.ok(finding.message.includes(`No automatic split: ${reason.replace(/`([^`]*)`/g, '"$1"')}.`), finding.message);
  assert.deepEqual(finding.fixes, []);
}

describe('split class 1: run-time files and tools are not left behind', () => {
  before(() => engineReady);

  it('a config file named by the start command and an entrypoint script from the context come along; git stays for the script', () => {
    mustSplit(
      dockerfile`
        FROM gcc:12
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/server
        COPY . .
        COPY docker-entrypoint.sh /usr/local/bin/
        RUN make
        EXPOSE 7000
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["./server", "server.conf"]
      `,
      'runs on `debian:bookworm-slim` (≈ −1.2 GB est.)',
      dockerfile`
        FROM gcc:12 AS build
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/server
        COPY . .
        COPY docker-entrypoint.sh /usr/local/bin/
        RUN make

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/server
        COPY --from=build /usr/src/server /usr/src/server
        COPY --from=build /usr/local/bin/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
        EXPOSE 7000
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["./server", "server.conf"]
      `,
    );
  });

  it('a GOPATH-era Go web app (`ADD . /go/src/app`, `go install ./...`) keeps its views and conf next to it', () => {
    mustSplit(
      dockerfile`
        FROM golang:1.19
        ADD . /go/src/app
        WORKDIR /go/src/app
        RUN go get -d -v ./... && go install -v ./...
        EXPOSE 8080
        CMD ["app"]
      `,
      'runs on `scratch` (≈ −992 MB est.)',
      dockerfile`
        FROM golang:1.19 AS build
        WORKDIR /go
        ADD . /go/src/app
        WORKDIR /go/src/app
        RUN go get -d -v ./... && CGO_ENABLED=0 go install -v ./...

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /go/src/app
        COPY --from=build /go/src/app /go/src/app
        COPY --from=build /go/bin/app /usr/local/bin/app
        EXPOSE 8080
        CMD ["app"]
      `,
    );
  });

  it('a tool the start command runs is installed in the runtime stage', () => {
    mustSplit(
      dockerfile`
        FROM gcc:12
        RUN apt-get update && apt-get install -y git
        WORKDIR /usr/src/app
        COPY . .
        RUN make
        CMD git pull && ./app
      `,
      'runs on `debian:bookworm-slim` (≈ −1.2 GB est.)',
      dockerfile`
        FROM gcc:12 AS build
        RUN apt-get update && apt-get install -y git
        WORKDIR /usr/src/app
        COPY . .
        RUN make

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app
        CMD git pull && ./app
      `,
    );
  });

  it('a Rust web app that reads config.toml, templates/ and static/ where it starts (seen on a real project): the context is copied again, target/ is not', () => {
    mustSplit(
      dockerfile`
        FROM rust:1.75-bookworm
        RUN mkdir -v /dms
        COPY . /dms
        WORKDIR /dms
        RUN cargo build --release
        EXPOSE 8080
        ENTRYPOINT ["/dms/target/release/dms"]
      `,
      'runs on `debian:bookworm-slim` (saving not estimated)',
      dockerfile`
        FROM rust:1.75-bookworm AS build
        WORKDIR /src
        RUN mkdir -v /dms
        COPY . /dms
        WORKDIR /dms
        RUN cargo build --release

        FROM debian:bookworm-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /dms
        COPY . /dms
        COPY --from=build /dms/target/release/dms /dms/target/release/dms
        EXPOSE 8080
        ENTRYPOINT ["/dms/target/release/dms"]
      `,
    );
  });

  it('the repeated COPY keeps its flags, is joined across a backtick continuation, and finds its ENV in the runtime stage', () => {
    mustSplit(
      dockerfile`
        # escape=${'`'}
        FROM rust:1.75-bookworm
        ENV APP_DIR=/srv/app
        WORKDIR /srv/app
        COPY --chown=1000:1000 ${'`'}
             . $APP_DIR
        RUN cargo build --release
        CMD ["./target/release/x"]
      `,
      'runs on `debian:bookworm-slim` (saving not estimated)',
      dockerfile`
        # escape=${'`'}
        FROM rust:1.75-bookworm AS build
        ENV APP_DIR=/srv/app
        WORKDIR /srv/app
        COPY --chown=1000:1000 ${'`'}
             . $APP_DIR
        RUN cargo build --release

        FROM debian:bookworm-slim
        ENV APP_DIR=/srv/app
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /srv/app
        COPY --chown=1000:1000 . $APP_DIR
        COPY --from=build /srv/app/target/release/x /srv/app/target/release/x
        CMD ["./target/release/x"]
      `,
    );
  });

  it('refused: a Rust build whose context went to a relative path in another directory than the runtime stage’s', () => {
    mustRefuse(
      dockerfile`
        FROM rust:1.75-bookworm
        WORKDIR /app
        COPY . .
        WORKDIR /app/server
        RUN cargo build --release
        CMD ["./target/release/server"]
      `,
      '`COPY . .` copies the build context to a relative path, and the runtime stage works in another directory',
    );
  });

  it('refused: make install + ldconfig, a symlink into /usr/lib, a start command that runs make', () => {
    mustRefuse(
      dockerfile`
        FROM gcc:12
        WORKDIR /usr/src/app
        COPY . .
        RUN cd vendor/libfoo && make && make install && ldconfig
        RUN make
        CMD ["./app"]
      `,
      '`make install` installs files outside the application directory, which the runtime stage would not have',
    );
    mustRefuse(
      dockerfile`
        FROM gcc:12
        WORKDIR /usr/src/app
        COPY . .
        RUN make
        RUN ln -s /usr/src/app/lib/libfoo.so /usr/lib/x86_64-linux-gnu/libfoo.so
        CMD ["./app"]
      `,
      '`ln … /usr/lib/x86_64-linux-gnu/libfoo.so` writes outside the application directory, which the runtime stage would not have',
    );
    mustRefuse(
      'FROM gcc:12\nWORKDIR /usr/src/app\nCOPY . .\nRUN make\nRUN echo "listen 80" > /etc/app.conf\nCMD ["./app"]\n',
      'a RUN writes `/etc/app.conf`, which the runtime stage would not have',
    );
    mustRefuse('FROM gcc:12\nWORKDIR /usr/src/app\nCOPY . .\nRUN make\nCMD make run\n', 'the start command runs `make`, which `debian:bookworm-slim` does not have');
    // Seen on real projects (bench/split-eval): the image starts the build tool itself. `cargo run` is
    // followed to its program when Cargo.toml is known (class 5 below); other cargo commands are not.
    mustRefuse(
      'FROM rust:1.70\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nCMD ["cargo", "test", "--release"]\n',
      'the start command runs `cargo`, which `debian:bookworm-slim` does not have',
      { cargoToml: '[package]\nname = "app"\n' },
    );
  });
});

describe('split class 2: the virtualenv is not bypassed', () => {
  before(() => engineReady);

  it('an interpreter named by absolute path is pointed at the virtualenv', () => {
    mustSplit(
      dockerfile`
        FROM python:3.11
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY . .
        EXPOSE 5000
        CMD ["/usr/local/bin/python", "-m", "gunicorn", "-b", "0.0.0.0:5000", "app:app"]
      `,
      'runs on `python:3.11-slim` (≈ −952 MB est.)',
      dockerfile`
        FROM python:3.11 AS build
        WORKDIR /app
        COPY requirements.txt .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install --no-cache-dir -r requirements.txt

        FROM python:3.11-slim
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app
        COPY . .
        EXPOSE 5000
        CMD ["/opt/venv/bin/python", "-m", "gunicorn", "-b", "0.0.0.0:5000", "app:app"]
      `,
    );
  });

  it('refused: a script run directly, whose #! line the Dockerfile does not show', () => {
    mustRefuse(
      dockerfile`
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        CMD ["./manage.py", "runserver", "0.0.0.0:8000"]
      `,
      'the CMD runs `./manage.py` directly, so its `#!` line, which may name an interpreter outside the virtualenv, decides which Python runs it',
    );
  });
});

describe('split class 3: static Go is not assumed', () => {
  before(() => engineReady);

  it('golang:1.19-alpine (cgo on by default before Go 1.20): CGO_ENABLED=0 is set, then scratch', () => {
    mustSplit(
      dockerfile`
        FROM golang:1.19-alpine3.16
        WORKDIR /src
        COPY . .
        RUN go build -o /out/api ./cmd/api
        EXPOSE 8080
        ENTRYPOINT ["/out/api"]
      `,
      'runs on `scratch` (saving not estimated)',
      dockerfile`
        FROM golang:1.19-alpine3.16 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/api ./cmd/api

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        COPY --from=build /out/api /out/api
        EXPOSE 8080
        ENTRYPOINT ["/out/api"]
      `,
    );
  });

  it('C packages installed for the build: cgo kept, and the runtime has the same C library', () => {
    mustSplit(
      dockerfile`
        FROM golang:1.19-alpine3.16
        RUN apk add --no-cache gcc musl-dev
        WORKDIR /src
        COPY . .
        RUN go build -o /out/api ./cmd/api
        ENTRYPOINT ["/out/api"]
      `,
      'runs on `alpine:3.16` (saving not estimated)',
      dockerfile`
        FROM golang:1.19-alpine3.16 AS build
        RUN apk add --no-cache gcc musl-dev
        WORKDIR /src
        COPY . .
        RUN go build -ldflags="-s -w" -o /out/api ./cmd/api

        FROM alpine:3.16
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        COPY --from=build /out/api /out/api
        ENTRYPOINT ["/out/api"]
      `,
    );
    mustSplit(
      dockerfile`
        FROM golang:1.21-bookworm
        RUN apt-get update && apt-get install -y libsqlite3-dev
        WORKDIR /src
        COPY . .
        RUN go build -o /out/api .
        ENTRYPOINT ["/out/api"]
      `,
      'runs on `debian:bookworm-slim` (≈ −919 MB est.)',
      dockerfile`
        FROM golang:1.21-bookworm AS build
        RUN apt-get update && apt-get install -y libsqlite3-dev
        WORKDIR /src
        COPY . .
        RUN go build -ldflags="-s -w" -o /out/api .

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y libsqlite3-0 && rm -rf /var/lib/apt/lists/*
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /src /src
        COPY --from=build /out/api /out/api
        ENTRYPOINT ["/out/api"]
      `,
    );
  });

  it('go.mod requires a cgo module (go-sqlite3, seen on a real project): cgo kept, a runtime with the builder’s C library; without go.mod, scratch', () => {
    const input = dockerfile`
      FROM golang:1.21-bookworm
      RUN mkdir /app
      COPY . /app
      WORKDIR /app
      RUN go build -o main .
      CMD ["/app/main"]
    `;
    const goMod = 'module forum\n\ngo 1.16\n\nrequire (\n\tgithub.com/google/uuid v1.3.0 // indirect\n\tgithub.com/mattn/go-sqlite3 v1.14.16\n)\n';
    mustSplit(
      input,
      'runs on `debian:bookworm-slim` (≈ −918 MB est.)',
      dockerfile`
        FROM golang:1.21-bookworm AS build
        WORKDIR /go
        RUN mkdir /app
        COPY . /app
        WORKDIR /app
        RUN go build -ldflags="-s -w" -o main .

        FROM debian:bookworm-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["/app/main"]
      `,
      { goMod },
    );
    const noCgo = planSplit(buildModel(input), { goMod: 'module forum\n\ngo 1.21\n\nrequire github.com/google/uuid v1.3.0\n' });
    assert.ok('fix' in noCgo && noCgo.runtimeImage === 'scratch');
    assert.ok('fix' in noCgo && applyFixes(input, [noCgo.fix]).text.includes('RUN CGO_ENABLED=0 go build'));
  });

  it('refused: go.mod requires go-sqlite3 and the builder is Alpine of an unknown version', () => {
    mustRefuse(
      dockerfile`
        FROM golang:1.22-alpine
        RUN apk add --no-cache build-base
        RUN mkdir /app
        COPY . /app
        WORKDIR /app
        RUN go build -o main .
        CMD ["/app/main"]
      `,
      'the program (go.mod requires `github.com/mattn/go-sqlite3`, which needs cgo, so it may need cgo) is linked against the C library of `golang:1.22-alpine`, and which Debian or Alpine release that image is built on is not known (name it in the tag, e.g. `-bookworm`)',
      { goMod: 'module forum\n\ngo 1.16\n\nrequire github.com/mattn/go-sqlite3 v1.14.16\n' },
    );
  });

  it('refused: cgo likely (C packages, a C build tag) and the Alpine version of the builder not known', () => {
    mustRefuse(
      dockerfile`
        FROM golang:1.22-alpine
        RUN apk add --no-cache gcc musl-dev
        WORKDIR /src
        COPY . .
        RUN go build -tags sqlite_fts5 -o /out/api .
        ENTRYPOINT ["/out/api"]
      `,
      'the program (C packages are installed for the build (`gcc`, `musl-dev`), so it may need cgo) is linked against the C library of `golang:1.22-alpine`, and which Debian or Alpine release that image is built on is not known (name it in the tag, e.g. `-bookworm`)',
    );
  });
});

describe('split class 4: packages from a third-party apt source', () => {
  before(() => engineReady);

  it('a source used only for a build tool (cmake) does not matter: the runtime package was installed before it', () => {
    mustSplit(
      dockerfile`
        FROM gcc:12
        RUN apt-get update && apt-get install -y libpq5
        RUN echo "deb [trusted=yes] https://apt.kitware.com/ubuntu/ jammy main" > /etc/apt/sources.list.d/kitware.list \
         && apt-get update && apt-get install -y cmake
        WORKDIR /usr/src/app
        COPY . .
        RUN cmake . && make
        CMD ["./app"]
      `,
      'runs on `debian:bookworm-slim` (≈ −1.3 GB est.)',
      dockerfile`
        FROM gcc:12 AS build
        RUN apt-get update && apt-get install -y libpq5
        RUN echo "deb [trusted=yes] https://apt.kitware.com/ubuntu/ jammy main" > /etc/apt/sources.list.d/kitware.list \
         && apt-get update && apt-get install -y cmake
        WORKDIR /usr/src/app
        COPY . .
        RUN cmake . && make

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app
        CMD ["./app"]
      `,
    );
  });

  it('refused: a runtime package installed from the added source', () => {
    mustRefuse(
      dockerfile`
        FROM gcc:12
        RUN curl -fsSL https://packages.example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg \
         && echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://packages.example.com/apt bookworm main" > /etc/apt/sources.list.d/example.list \
         && apt-get update && apt-get install -y libexample1
        WORKDIR /usr/src/app
        COPY . .
        RUN make
        CMD ["./app"]
      `,
      '`libexample1` is installed after a third-party apt source is added (`deb [signed-by=/usr/share/keyrings/example.gpg] https://packages.example.com/apt`), so it may not exist on plain `debian:bookworm-slim`',
    );
  });
});

describe('split class 5: no placeholders', () => {
  before(() => engineReady);

  it('the program is followed through mv and install', () => {
    mustSplit(
      dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build -o app . && mv app /usr/local/bin/
        WORKDIR /
        CMD ["app"]
      `,
      'runs on `scratch` (≈ −992 MB est.)',
      dockerfile`
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o app . && mv app /usr/local/bin/

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /src
        COPY --from=build /usr/local/bin/app /usr/local/bin/app
        WORKDIR /
        CMD ["app"]
      `,
    );
    mustSplit(
      dockerfile`
        FROM gcc:12
        WORKDIR /build
        COPY . .
        RUN make && install -m 0755 build/server /usr/local/bin/server
        WORKDIR /
        CMD ["server"]
      `,
      'runs on `debian:bookworm-slim` (≈ −1.3 GB est.)',
      dockerfile`
        FROM gcc:12 AS build
        WORKDIR /build
        COPY . .
        RUN make && install -m 0755 build/server /usr/local/bin/server

        FROM debian:bookworm-slim
        WORKDIR /build
        COPY --from=build /usr/local/bin/server /usr/local/bin/server
        WORKDIR /
        CMD ["server"]
      `,
    );
  });

  it('refused: the output is named by a variable (OUTPUTFLAGS), and the reason shows the missing COPY', () => {
    mustRefuse(
      dockerfile`
        FROM golang:1.22
        ARG OUTPUTFLAGS
        WORKDIR /src
        COPY . .
        RUN go build $OUTPUTFLAGS .
        WORKDIR /
        CMD ["myapp"]
      `,
      'the build does not show where it writes `myapp`, the program the image starts, so the runtime stage would not know what to copy (`COPY --from=build <path of myapp> /usr/local/bin/myapp`)',
    );
  });

  // `CMD cargo run --release` (4 of the 11 Rust files of bench/split-eval) used to get a placeholder copied
  // to /usr/local/bin/cargo: the program cargo runs is named in Cargo.toml, which the adapters pass in.
  const cargoToml = '[package]\nname = "crab-manager" # the binary keeps the dash\nversion = "0.0.1"\n\n[dependencies]\nname = "not this"\n';
  it('`cargo run --release`: the program Cargo.toml names is started directly, with the arguments after `--`', () => {
    mustSplit(
      dockerfile`
        FROM rust:1.75-bookworm
        WORKDIR /app
        COPY . /app/
        RUN cargo build --verbose --release
        EXPOSE 8080
        CMD cargo run --release --color=never -- --port 8080
      `,
      'runs on `debian:bookworm-slim` (saving not estimated)',
      dockerfile`
        FROM rust:1.75-bookworm AS build
        WORKDIR /app
        COPY . /app/
        RUN cargo build --verbose --release

        FROM debian:bookworm-slim
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY . /app/
        COPY --from=build /app/target/release/crab-manager /app/target/release/crab-manager
        EXPOSE 8080
        CMD ["/app/target/release/crab-manager", "--port", "8080"]
      `,
      { cargoToml },
    );
  });

  it('refused: `cargo run` of a profile the build did not make, of an unknown Cargo.toml, with a flag that changes the build', () => {
    const file = (cmd: string): string => `FROM rust:1.75-bookworm\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD ${cmd}\n`;
    mustRefuse(file('["cargo", "run"]'), 'the image starts `cargo run`, whose debug build no `cargo build` of the stage makes (cargo would compile it when the container starts)', { cargoToml });
    mustRefuse(file('["cargo", "run", "--release"]'), 'the image starts `cargo run`, and the program it runs is named in Cargo.toml, which is not known here');
    mustRefuse(file('["cargo", "run", "--release"]'), 'the image starts `cargo run`, and the build context has no Cargo.toml at its root to name the program', { cargoToml: null });
    mustRefuse(file('["cargo", "run", "--release", "--features", "tls"]'), 'the image starts `cargo run` with `--features`, which may build or pick another program than the one the build stage built', { cargoToml });
    mustRefuse(file('["cargo", "run", "--release"]'), 'the image starts `cargo run`, and Cargo.toml is a workspace without a package of its own, so which member `cargo run` starts is not known', { cargoToml: '[workspace]\nmembers = ["a", "b"]\n' });
  });
});

describe('split class 6: no split without a benefit', () => {
  before(() => engineReady);

  it('build-essential left behind on python:3.11-slim outweighs the new virtualenv', () => {
    mustSplit(
      dockerfile`
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        CMD ["python", "app.py"]
      `,
      'runs on `python:3.11-slim` (≈ −300 MB est.)',
      dockerfile`
        FROM python:3.11-slim AS build
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY . .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install --no-cache-dir -r requirements.txt

        FROM python:3.11-slim
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app
        CMD ["python", "app.py"]
      `,
    );
  });

  it('the estimate: image figures, Debian package figures only for apt, a toolchain without a figure is named (never "no benefit")', () => {
    const text = 'FROM alpine:3.19\nRUN apk add --no-cache git build-base\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["./app"]\n';
    const model = buildModel(text);
    const none = { builderFacts: null, builderText: 'alpine:3.19', builderIsToolchain: false, prefix: '', runtimePackages: [], runtimeNoRecommends: false, addsVenv: false } as const;
    const apk = splitSaving(model, model.stages[0]!, { ...none, runtimeImage: 'alpine:3.19', installed: ['git', 'build-base'], manager: 'apk' });
    assert.deepEqual([apk.bytes, apk.unknown, savingLabel(apk)], [0, ['`build-base`'], 'saving not estimated']);
    const other = splitSaving(model, model.stages[0]!, { ...none, runtimeImage: 'debian:bookworm-slim', installed: [], manager: null });
    assert.deepEqual([other.bytes, other.unknown, savingLabel(other)], [0, ['`alpine:3.19` → `debian:bookworm-slim`'], 'saving not estimated']);
  });

  it('refused: a Makefile task drops only make (1.6 MB) and adds a virtualenv; the message states the saving and the threshold', () => {
    mustRefuse(
      dockerfile`
        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        RUN make resetdb
        CMD ["python", "app.py"]
      `,
      'the split would make the image about 22 MB bigger (estimate, uncompressed: apt installs left in the build stage 952 kB (Debian Installed-Size of what each adds on its image); a new virtualenv −23 MB (measured: `python3 -m venv`, Python 3.11.7)), below the 20 MB it takes to be worth a second stage',
    );
  });
});
