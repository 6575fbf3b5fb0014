import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFixes } from '../../server/src/engine/fixer.js';
import { parseImageRef } from '../../server/src/engine/catalog/imageRef.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { builderImage, debianRelease, distroRuntime, isBuildImage, javaMajor, slimImage } from '../../server/src/engine/split/images.js';
import { installedPackages, runtimePackages } from '../../server/src/engine/split/packages.js';
import { planSplit, SPLIT_TITLE } from '../../server/src/engine/split/split.js';
import { execForm, shellToArgv } from '../../server/src/engine/split/start.js';
import type { RunInst } from '../../server/src/engine/split/types.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

/** The split applied, or the reason there is none. */
function split(text: string): string {
  const r = planSplit(buildModel(text));
  if ('reason' in r) return `no split: ${r.reason}`;
  assert.ok(r.fix.title.startsWith(`${SPLIT_TITLE}: runs on `), r.fix.title);
  assert.equal(r.fix.safety, 'unsafe');
  const out = applyFixes(text, [r.fix]);
  assert.deepEqual(out.taken, [0], 'the split edits overlap each other');
  return out.text;
}

/** The split adds exactly one stage, and the result has nothing left to split. */
function checkResult(input: string, output: string): void {
  assert.equal(buildModel(output).stages.length, buildModel(input).stages.length + 1);
  const again = planSplit(buildModel(output));
  assert.ok('reason' in again, 'the output would be split again');
}

describe('planSplit: the benchmark fixtures (bench/image-size/fixtures/*/Dockerfile)', () => {
  before(() => engineReady);

  const cases: { name: string; input: string; output: string }[] = [
    {
      name: 'go: CGO_ENABLED=0 and -ldflags="-s -w", scratch with the CA bundle, exec-form CMD',
      input: dockerfile`
        FROM golang:1.19

        RUN apt-get update && apt-get install -y curl git

        WORKDIR /app
        COPY . .
        RUN go mod download
        RUN go build -o server .

        EXPOSE 8080
        CMD ./server
      `,
      output: dockerfile`
        FROM golang:1.19 AS build

        RUN apt-get update && apt-get install -y curl git

        WORKDIR /app
        COPY . .
        RUN go mod download
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o server .

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /app
        COPY --from=build /app /app

        EXPOSE 8080
        CMD ["./server"]
      `,
    },
    {
      name: 'c: make (link line unknown) stays dynamic on debian:bookworm-slim; vim and curl kept, make dropped',
      input: dockerfile`
        FROM gcc:12

        RUN apt-get update
        RUN apt-get install -y make vim curl

        WORKDIR /usr/src/app
        COPY . .
        RUN make

        CMD ./hello
      `,
      output: dockerfile`
        FROM gcc:12 AS build

        RUN apt-get update
        RUN apt-get install -y make vim curl

        WORKDIR /usr/src/app
        COPY . .
        RUN make

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y vim curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app

        CMD ./hello
      `,
    },
    {
      name: 'rust: no musl target installed, so the glibc binary runs on debian:bookworm-slim with the CA bundle',
      input: dockerfile`
        FROM rust:1.63

        RUN apt-get update && apt-get install -y curl

        WORKDIR /usr/src/hello
        COPY . .
        RUN cargo build --release

        CMD ./target/release/hello
      `,
      output: dockerfile`
        FROM rust:1.63 AS build

        RUN apt-get update && apt-get install -y curl

        WORKDIR /usr/src/hello
        COPY . .
        RUN cargo build --release

        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /usr/src/hello
        COPY . .
        COPY --from=build /usr/src/hello/target/release/hello /usr/src/hello/target/release/hello

        CMD ./target/release/hello
      `,
    },
    {
      name: 'java: Maven jar on eclipse-temurin:17-jre (major from the maven tag)',
      input: dockerfile`
        FROM maven:3.8-openjdk-17

        RUN apt-get update && apt-get install -y curl

        WORKDIR /app
        COPY . .
        RUN mvn -B package

        CMD java -jar target/hello-1.0.0.jar
      `,
      output: dockerfile`
        FROM maven:3.8-openjdk-17 AS build

        RUN apt-get update && apt-get install -y curl

        WORKDIR /app
        COPY . .
        RUN mvn -B package

        FROM eclipse-temurin:17-jre
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY --from=build /app/target/hello-1.0.0.jar /app/target/hello-1.0.0.jar

        CMD java -jar target/hello-1.0.0.jar
      `,
    },
    {
      name: 'node: npm prune --omit=dev in the build stage, the app directory on node:18-slim',
      input: dockerfile`
        FROM node:18

        WORKDIR /usr/src/app

        RUN apt-get update && apt-get install -y curl

        COPY . .
        RUN npm install

        EXPOSE 3000
        CMD npm start
      `,
      output: dockerfile`
        FROM node:18 AS build

        WORKDIR /usr/src/app

        RUN apt-get update && apt-get install -y curl

        COPY . .
        RUN npm install
        RUN npm prune --omit=dev

        FROM node:18-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /usr/src/app
        COPY --from=build /usr/src/app /usr/src/app

        EXPOSE 3000
        CMD npm start
      `,
    },
    {
      name: 'python: a virtualenv before the first pip install, copied with the app into python:3.11-slim; gcc dropped',
      input: dockerfile`
        FROM python:3.11

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN pip install -r requirements.txt

        EXPOSE 8000
        CMD python app.py
      `,
      output: dockerfile`
        FROM python:3.11 AS build

        RUN apt-get update
        RUN apt-get install -y gcc curl

        WORKDIR /app
        COPY . .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install -r requirements.txt

        FROM python:3.11-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app

        EXPOSE 8000
        CMD python app.py
      `,
    },
    {
      name: 'c-gcc: gcc without make, no WORKDIR: /src made explicit, -static -s, scratch',
      input: dockerfile`
        FROM gcc:12
        COPY hello.c .
        RUN gcc -o hello hello.c
        CMD ["./hello"]
      `,
      output: dockerfile`
        FROM gcc:12 AS build
        WORKDIR /src
        COPY hello.c .
        RUN gcc -static -s -o hello hello.c

        FROM scratch
        WORKDIR /src
        COPY --from=build /src/hello /src/hello
        CMD ["./hello"]
      `,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = split(c.input);
      assert.equal(out, c.output);
      checkResult(c.input, out);
    });
  }

  it('local stand-ins named like official images split the same way, runtime under the same prefix', () => {
    const input = dockerfile`
      FROM localhost/node:18
      WORKDIR /app
      COPY . .
      RUN npm ci && npm run build
      CMD ["node", "dist/server.js"]
    `;
    assert.equal(
      split(input),
      dockerfile`
        FROM localhost/node:18 AS build
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build
        RUN npm prune --omit=dev

        FROM localhost/node:18-slim
        WORKDIR /app
        COPY --from=build /app /app
        CMD ["node", "dist/server.js"]
      `,
    );
    assert.match(split('FROM localhost/golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'), /\nFROM scratch\nCOPY --from=build \/etc\/ssl\/certs\/ca-certificates\.crt \/etc\/ssl\/certs\/\nWORKDIR \/src\nCOPY --from=build \/src \/src\nCOPY --from=build \/out\/app \/out\/app\n/);
    assert.match(split('FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n'), /\nFROM node:slim\nWORKDIR \/app\nCOPY --from=build \/app \/app\n/);
    assert.match(split('FROM registry.example.com/mirror/gcc:12\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["./app"]\n'), /\nFROM registry\.example\.com\/mirror\/debian:bookworm-slim\n/);
  });
});

describe('planSplit: the seeds and other builds', () => {
  before(() => engineReady);

  it('C hello world built with gcc: explicit WORKDIR, -static -s, scratch', () => {
    const input = 'FROM gcc\nCOPY hello.c .\nRUN gcc -o hello hello.c\nCMD ["./hello"]\n';
    const out = split(input);
    assert.equal(
      out,
      dockerfile`
        FROM gcc AS build
        WORKDIR /src
        COPY hello.c .
        RUN gcc -static -s -o hello hello.c

        FROM scratch
        WORKDIR /src
        COPY --from=build /src/hello /src/hello
        CMD ["./hello"]
      `,
    );
    checkResult(input, out);
  });

  it('Go hello world: the golang image works in /go, made explicit', () => {
    assert.equal(
      split('FROM golang\nCOPY hello.go .\nRUN go build hello.go\nCMD ["./hello"]\n'),
      dockerfile`
        FROM golang AS build
        WORKDIR /go
        COPY hello.go .
        RUN CGO_ENABLED=0 go build -ldflags="-s -w" hello.go

        FROM scratch
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        WORKDIR /go
        COPY --from=build /go/hello /go/hello
        CMD ["./hello"]
      `,
    );
  });

  it('Rust with a musl target installed: --target, scratch, the binary where the CMD expects it; lower case kept', () => {
    assert.equal(
      split(dockerfile`
        from rust:1.80-bookworm
        run rustup target add x86_64-unknown-linux-musl
        workdir /app
        copy . .
        run cargo build --release
        expose 80
        user 1000
        cmd ./target/release/myapp --port 80
      `),
      dockerfile`
        from rust:1.80-bookworm as build
        run rustup target add x86_64-unknown-linux-musl
        workdir /app
        copy . .
        run cargo build --target x86_64-unknown-linux-musl --release

        from scratch
        copy --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        workdir /app
        copy . .
        copy --from=build /app/target/x86_64-unknown-linux-musl/release/myapp /app/target/release/myapp
        expose 80
        user 1000
        cmd ["./target/release/myapp", "--port", "80"]
      `,
    );
  });

  it('runtime-only instructions move (comments stay), ARG/ENV follow where they are used, USER of a created user', () => {
    assert.equal(
      split(dockerfile`
        FROM python:3.12
        ARG VERSION=1.0
        ENV PIP_NO_CACHE_DIR=1
        ENV PYTHONUNBUFFERED=1
        # the version, for humans
        LABEL version=$VERSION
        EXPOSE 8000
        RUN apt-get update && apt-get install -y libpq-dev gcc && rm -rf /var/lib/apt/lists/*
        RUN useradd -m app
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . .
        USER app
        CMD ["gunicorn", "app:app"]
      `),
      dockerfile`
        FROM python:3.12 AS build
        ARG VERSION=1.0
        ENV PIP_NO_CACHE_DIR=1
        ENV PYTHONUNBUFFERED=1
        # the version, for humans
        RUN apt-get update && apt-get install -y libpq-dev gcc && rm -rf /var/lib/apt/lists/*
        RUN useradd -m app
        WORKDIR /app
        COPY requirements.txt .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install -r requirements.txt

        FROM python:3.12-slim
        ARG VERSION=1.0
        ENV PYTHONUNBUFFERED=1
        RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*
        RUN useradd -m app
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app
        LABEL version=$VERSION
        EXPOSE 8000
        COPY . .
        USER app
        CMD ["gunicorn", "app:app"]
      `,
    );
  });

  it('a named user on scratch gets /etc/passwd and /etc/group from the build stage', () => {
    const out = split('FROM golang:1.22\nRUN useradd -r app\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nUSER app\nCMD ["./app"]\n');
    assert.match(out, /\nFROM scratch\nCOPY --from=build \/etc\/ssl\/certs\/ca-certificates\.crt \/etc\/ssl\/certs\/\nCOPY --from=build \/etc\/passwd \/etc\/passwd\nCOPY --from=build \/etc\/group \/etc\/group\nWORKDIR \/src\n/);
  });

  it('a USER before build steps stays in the build stage and is repeated in the runtime stage', () => {
    assert.equal(
      split('FROM node:20\nWORKDIR /app\nUSER node\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n'),
      dockerfile`
        FROM node:20 AS build
        WORKDIR /app
        USER node
        COPY . .
        RUN npm ci && npm run build
        RUN npm prune --omit=dev

        FROM node:20-slim
        WORKDIR /app
        COPY --from=build /app /app
        USER node
        CMD ["node", "dist/index.js"]
      `,
    );
  });

  it('USER nobody (every Debian and Alpine image has it) moves to a runtime with an OS; on scratch it is refused', () => {
    const input = dockerfile`
      FROM python:3.12-slim
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
      WORKDIR /app
      COPY . .
      RUN pip install --no-cache-dir -r requirements.txt
      USER nobody:nogroup
      CMD ["python", "app.py"]
    `;
    const out = split(input);
    assert.equal(
      out,
      dockerfile`
        FROM python:3.12-slim AS build
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY . .
        RUN python -m venv /opt/venv
        ENV PATH=/opt/venv/bin:$PATH
        RUN pip install --no-cache-dir -r requirements.txt

        FROM python:3.12-slim
        ENV PATH=/opt/venv/bin:$PATH
        WORKDIR /app
        COPY --from=build /opt/venv /opt/venv
        COPY --from=build /app /app
        USER nobody:nogroup
        CMD ["python", "app.py"]
      `,
    );
    checkResult(input, out);
    assert.match(split('FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN make\nUSER daemon\nCMD ["./app"]\n'), /\nFROM debian:bookworm-slim\nWORKDIR \/src\nCOPY --from=build \/src \/src\nUSER daemon\n/);
    assert.equal(split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nUSER nobody\nCMD ["./app"]\n'), 'no split: USER `nobody` is not created in the Dockerfile, so `scratch` may not have it');
  });

  it('a shell-form CMD that gives an ENTRYPOINT its arguments is written in exec form too', () => {
    assert.match(split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nENTRYPOINT ["./app"]\nCMD --port 80\n'), /\nENTRYPOINT \["\.\/app"\]\nCMD \["--port", "80"\]\n$/);
  });

  it('a curl HEALTHCHECK gets curl installed in a runtime that lacks it', () => {
    assert.match(
      split('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nCMD ["node", "dist/index.js"]\n'),
      /\nFROM node:20-slim\nRUN apt-get update && apt-get install -y curl && rm -rf \/var\/lib\/apt\/lists\/\*\nWORKDIR \/app\n/,
    );
  });

  it('no placeholders: when the program path is not known, no split, and the reason shows the missing COPY', () => {
    assert.equal(
      split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD ["myapp"]\n'),
      'no split: the build does not show where it writes `myapp`, the program the image starts, so the runtime stage would not know what to copy (`COPY --from=build <path of myapp> /usr/local/bin/myapp`)',
    );
    assert.equal(
      split('FROM gcc:13\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["hello"]\n'),
      'no split: the build does not show where it writes `hello`, the program the image starts, so the runtime stage would not know what to copy (`COPY --from=build <path of hello> /usr/local/bin/hello`)',
    );
  });

  it('go install: the binary from $GOPATH/bin goes to /usr/local/bin for a CMD by name', () => {
    assert.match(split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go install ./cmd/server\nENTRYPOINT ["server"]\n'), /\nCOPY --from=build \/go\/bin\/server \/usr\/local\/bin\/server\nENTRYPOINT \["server"\]\n$/);
  });

  it('CGO_ENABLED exported earlier in the RUN is read as the model reads it: no second CGO_ENABLED=0 (go build, go install ./...)', () => {
    assert.match(
      split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN export CGO_ENABLED=0 && go build -o app .\nCMD ["./app"]\n'),
      /\nRUN export CGO_ENABLED=0 && go build -ldflags="-s -w" -o app \.\n\nFROM scratch\n/,
    );
    assert.match(
      split('FROM golang:1.22\nWORKDIR /go/src/app\nCOPY . .\nRUN declare -x CGO_ENABLED=0; go install ./...\nCMD ["app"]\n'),
      /\nRUN declare -x CGO_ENABLED=0; go install \.\/\.\.\.\n\nFROM scratch\n/,
    );
  });

  it('heredoc RUN, CRLF and the escape directive', () => {
    assert.match(split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN <<EOF\ngo mod download\ngo build -o app .\nEOF\nCMD ["./app"]\n'), /\nCGO_ENABLED=0 go build -ldflags="-s -w" -o app \.\nEOF\n\nFROM scratch\n/);
    const crlf = '# escape=`\r\nFROM golang:1.22\r\nWORKDIR /src\r\nCOPY . .\r\nRUN go build `\r\n    -o app .\r\nEXPOSE 80\r\nCMD ./app\r\n';
    assert.equal(
      split(crlf),
      '# escape=`\r\nFROM golang:1.22 AS build\r\nWORKDIR /src\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" `\r\n    -o app .\r\n\r\nFROM scratch\r\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\r\nWORKDIR /src\r\nCOPY --from=build /src /src\r\nEXPOSE 80\r\nCMD ["./app"]\r\n',
    );
  });

  it('a file without a final line break', () => {
    assert.equal(
      split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nCMD ["/src/app"]\nRUN go build -o app .'),
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o app .\n\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nWORKDIR /src\nCOPY --from=build /src /src\nCMD ["/src/app"]',
    );
  });
});

describe('planSplit: refusals say why', () => {
  before(() => engineReady);

  const refusals: [string, string, string][] = [
    ['a CMD that needs a shell, on scratch', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD /out/app --port $PORT\n', 'the CMD expands variables or commands, and `scratch` has no shell'],
    ['a CMD that is not the program, on scratch', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/bin/sh", "-c", "/out/app"]\n', 'the CMD runs `/bin/sh`, and `scratch` has no shell'],
    ['a HEALTHCHECK with curl, on scratch', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nCMD ["./app"]\n', 'the HEALTHCHECK runs `curl`, which `scratch` does not have'],
    ['pnpm', 'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN pnpm install && pnpm build\nCMD ["node", "dist/index.js"]\n', 'it runs `pnpm`; only npm and yarn projects are split (the way to drop devDependencies differs)'],
    ['two ecosystems', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app . && npm ci\nCMD ["./app"]\n', 'it builds with both Go and Node.js, which need different runtimes'],
    ['.NET', 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o /out\nENTRYPOINT ["dotnet", "/out/app.dll"]\n', '.NET builds are not split automatically yet'],
    ['Java version not in the tag', 'FROM maven:3\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n', 'the Java version of `maven:3` is not in its tag, so the JRE image to run on is not known'],
    ['the image starts Maven', 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD ["mvn", "spring-boot:run"]\n', 'the image starts `mvn`, a build tool that the JRE image does not have'],
    ['an unknown -dev package', 'FROM python:3.12\nRUN apt-get update && apt-get install -y libgdal-dev\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n', 'the runtime library that goes with `libgdal-dev` is not known'],
    ['a USER nobody creates', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nUSER app\nCMD ["./app"]\n', 'USER `app` is not created in the Dockerfile, so `scratch` may not have it'],
    ['CGO_ENABLED exported from a variable earlier in the RUN (read as the model reads it)', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN export CGO_ENABLED=$CGO && go build -o app .\nCMD ["./app"]\n', '`CGO_ENABLED` is set from a variable, so whether the program needs a C library is not known'],
    ['exec-form go build', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ["go", "build", "-o", "app", "."]\nCMD ["./app"]\n', '`go build` runs in an exec-form RUN, where `CGO_ENABLED=0` cannot be set for it alone'],
    ['pip --user', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --user -r requirements.txt\nCMD ["python", "app.py"]\n', '`pip install --user` installs outside a virtualenv'],
    ['Python 2', 'FROM python:2\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n', 'Python 2 has no `venv` module to make the virtualenv with'],
    ['npm install -g', 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install -g pm2 && npm ci && npm run build\nCMD ["pm2-runtime", "dist/index.js"]\n', '`npm install -g` puts programs outside the application directory, which is all the runtime stage gets'],
    ['a final stage built FROM another stage', 'FROM golang:1.22 AS base\nWORKDIR /src\nFROM base\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', 'the final stage builds on stage `base`, whose instructions would have to be split too'],
    ['a last test stage built FROM the one that ships', 'FROM golang:1.22 AS app\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\nFROM app AS test\nRUN go test ./...\n', 'a test stage builds on the stage that ships, `app`, and would have to build on the split\'s runtime stage'],
    ['ONBUILD', 'FROM golang:1.22\nONBUILD COPY . .\nRUN go build -o /app .\nCMD ["/app"]\n', 'the final stage has ONBUILD triggers, which are for images others build on'],
    ['no CMD', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\n', 'the stage has no CMD or ENTRYPOINT, so what the image runs is not known'],
    ['a Debian release that cannot be told', 'FROM localhost/toolbox:1\nRUN apt-get update && apt-get install -y build-essential\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["./app"]\n', 'the program is linked against the C library of `localhost/toolbox:1`, and which Debian or Alpine release that image is built on is not known (name it in the tag, e.g. `-bookworm`)'],
    ['WORKDIR from a variable without a value', 'FROM golang:1.22\nWORKDIR $APP\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', 'the working directory is not known (a WORKDIR uses a variable or a relative path from an unknown default)'],
  ];
  for (const [name, input, reason] of refusals) {
    it(name, () => assert.equal(split(input), `no split: ${reason}`));
  }
});

describe('split helpers', () => {
  before(() => engineReady);
  const image = (text: string) => builderImage(buildModel(`FROM ${text}\nCMD ["x"]\n`), buildModel(`FROM ${text}\nCMD ["x"]\n`).stages[0]!)!;

  it('reads mirrors and local copies as the official image, keeping the prefix', () => {
    const b = image('localhost/node:18');
    assert.equal(b.facts?.family, 'node');
    assert.equal(b.prefix, 'localhost/');
    assert.equal(slimImage(b), 'localhost/node:18-slim');
    assert.equal(image('bitnami/node:18').facts, null, 'another publisher on Docker Hub is another image');
    assert.equal(image('mcr.microsoft.com/devcontainers/python:3.14').facts, null, 'a vendor registry is not a mirror');
    assert.equal(image('harbor.example.com/dockerhub/library/python:3.12').facts?.family, 'python');
    assert.equal(slimImage(image('harbor.example.com/dockerhub/library/python:3.12')), 'harbor.example.com/dockerhub/library/python:3.12-slim');
    assert.equal(slimImage(image('node:18@sha256:' + 'a'.repeat(64))), null, 'a digest pin has no known slim digest');
    assert.equal(isBuildImage(image('maven:3.8-openjdk-17')), true);
    assert.equal(isBuildImage(image('localhost/golang:1.19')), true);
    assert.equal(isBuildImage(image('node:18-slim')), false);
  });

  it('Debian releases of build images', () => {
    const rel = (t: string) => debianRelease(image(t));
    assert.deepEqual(
      ['gcc:12', 'gcc:14', 'gcc', 'golang:1.19', 'golang:1.25', 'golang:1', 'rust:1.63', 'rust:1.89', 'rust:1', 'rust:1.63-bullseye', 'debian:12', 'debian:stable', 'node:18', 'golang:1.22-alpine'].map(rel),
      ['bookworm', 'trixie', 'trixie', 'bookworm', 'trixie', 'trixie', 'bookworm', 'trixie', 'trixie', 'bullseye', 'bookworm', 'trixie', null, null],
    );
    assert.deepEqual(distroRuntime(image('golang:1.22-alpine3.19')), { image: 'alpine:3.19', packageManager: 'apk', release: null });
    assert.deepEqual(distroRuntime(image('alpine:3.20')), { image: 'alpine:3.20', packageManager: 'apk', release: null });
  });

  it('Java major versions from tags', () => {
    assert.deepEqual(
      ['maven:3.8-openjdk-17', 'maven:3.9-eclipse-temurin-21-alpine', 'gradle:8-jdk21', 'gradle:8.5-jdk17-jammy', 'eclipse-temurin:17-jdk', 'openjdk:11', 'maven:3'].map((t) => javaMajor(image(t))),
      ['17', '21', '21', '17', '17', '11', null],
    );
  });

  it('runtime packages: compilers, build tools and headers go, -dev packages become their libraries', () => {
    const model = buildModel('FROM debian:bookworm\nRUN apt-get install -y build-essential git curl libpq-dev libssl-dev ca-certificates python3-dev gfortran\nRUN apt-get purge -y curl\nCMD ["x"]\n');
    const runs = model.stages[0]!.instructions.filter((i): i is RunInst => i.run !== undefined);
    const pkgs = installedPackages(runs);
    assert.ok(!('reason' in pkgs));
    assert.deepEqual(pkgs.names, ['build-essential', 'git', 'libpq-dev', 'libssl-dev', 'ca-certificates', 'python3-dev', 'gfortran']);
    assert.deepEqual(runtimePackages(pkgs, 'bookworm'), ['libpq5', 'libssl3', 'ca-certificates']);
    assert.deepEqual(runtimePackages(pkgs, 'trixie'), ['libpq5', 'libssl3t64', 'ca-certificates']);
    assert.deepEqual(runtimePackages(pkgs, null), { reason: 'the runtime library that goes with `libssl-dev` is not known', zh: '与 `libssl-dev` 配套的运行时库未知' });
    assert.ok(parseImageRef('debian:bookworm'));
  });

  it('packages removed later, also through an apk virtual name, are not runtime packages', () => {
    const model = buildModel('FROM alpine:3.20\nRUN apk add --no-cache ncurses && apk add --no-cache --virtual .build-deps gcc musl-dev make && make && apk del .build-deps\nCMD ["x"]\n');
    const runs = model.stages[0]!.instructions.filter((i): i is RunInst => i.run !== undefined);
    assert.deepEqual(installedPackages(runs), { manager: 'apk', names: ['ncurses'], noRecommends: false });
  });

  it('shell form to exec form', () => {
    const model = buildModel('FROM scratch\n');
    assert.deepEqual(shellToArgv(model, './server --port 80'), ['./server', '--port', '80']);
    assert.deepEqual(shellToArgv(model, 'exec ./server'), ['./server']);
    assert.equal(shellToArgv(model, './server --port $PORT'), 'shellExpands');
    assert.equal(shellToArgv(model, './a && ./b'), 'shellChains');
    assert.equal(shellToArgv(model, 'FOO=1 ./a'), 'shellAssigns');
    assert.equal(shellToArgv(model, './a *.txt'), 'shellGlobs');
    assert.equal(execForm(['java', '-jar', 'a b.jar']), '["java", "-jar", "a b.jar"]');
  });
});
