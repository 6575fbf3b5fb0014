import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { dockerfile } from '../support/dockerfile.js';
import { cli } from './helpers.js';

/**
 * What `dockerfile-slim fix --unsafe --stdout` makes of each image-size benchmark fixture, with every rule at
 * its default level: the Dockerfile the benchmark builds and runs (bench/image-size/RESULTS.md). Each output
 * is a fixed point (a second `fix --unsafe` changes nothing) and lints without a fixable finding.
 */
const FIXTURES = resolve(__dirname, '..', '..', 'bench', 'image-size', 'fixtures');

const EXPECTED: Record<string, string> = {
  c: dockerfile`
    FROM gcc:12 AS build

    RUN apt-get update && apt-get install --no-install-recommends -y make vim curl

    WORKDIR /usr/src/app
    COPY . .
    RUN make

    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates vim curl && rm -rf /var/lib/apt/lists/*
    WORKDIR /usr/src/app
    COPY --from=build /usr/src/app /usr/src/app

    CMD ["./hello"]
  `,
  'c-gcc': dockerfile`
    FROM gcc:12 AS build
    WORKDIR /src
    COPY hello.c .
    RUN gcc -static -s -o hello hello.c

    FROM scratch
    WORKDIR /src
    COPY --from=build /src/hello /src/hello
    CMD ["./hello"]
  `,
  go: dockerfile`
    FROM golang:1.19 AS build

    RUN apt-get update && apt-get install --no-install-recommends -y curl git && rm -rf /var/lib/apt/lists/*

    WORKDIR /app
    COPY . .
    RUN go mod download && CGO_ENABLED=0 go build -ldflags="-s -w" -o server .

    FROM scratch
    COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
    WORKDIR /app
    COPY --from=build /app /app

    EXPOSE 8080
    CMD ["./server"]
  `,
  java: dockerfile`
    FROM maven:3.8-openjdk-17 AS build

    RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*

    WORKDIR /app
    COPY . .
    RUN mvn -B package && rm -rf ~/.m2/repository

    FROM eclipse-temurin:17-jre
    RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
    WORKDIR /app
    COPY --from=build /app/target/hello-1.0.0.jar /app/target/hello-1.0.0.jar

    CMD ["java", "-jar", "target/hello-1.0.0.jar"]
  `,
  // No build step: nothing to split; the full image becomes node:18-slim and the devDependencies go.
  node: dockerfile`
    FROM node:18-slim

    WORKDIR /usr/src/app

    RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*

    COPY . .
    RUN npm install --omit=dev && npm cache clean --force

    EXPOSE 3000
    CMD ["npm", "start"]
  `,
  python: dockerfile`
    FROM python:3.11 AS build

    RUN apt-get update && apt-get install --no-install-recommends -y gcc curl

    WORKDIR /app
    COPY . .
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    RUN pip install --no-cache-dir -r requirements.txt

    FROM python:3.11-slim
    RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
    ENV PATH=/opt/venv/bin:$PATH
    WORKDIR /app
    COPY --from=build /opt/venv /opt/venv
    COPY --from=build /app /app

    EXPOSE 8000
    CMD ["python", "app.py"]
  `,
  rust: dockerfile`
    FROM rust:1.63 AS build

    RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*

    WORKDIR /usr/src/hello
    COPY . .
    RUN cargo build --release

    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*
    COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
    WORKDIR /usr/src/hello
    COPY . .
    COPY --from=build /usr/src/hello/target/release/hello /usr/src/hello/target/release/hello

    CMD ["./target/release/hello"]
  `,
};

interface JsonReport {
  files: { path: string; findings: { ruleId: string; fixes: unknown[] }[] }[];
}

describe('fix --unsafe on the image-size benchmark fixtures', () => {
  const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  it('every fixture has its expected output here', () => {
    assert.deepEqual(fixtures, Object.keys(EXPECTED).sort());
  });

  for (const name of fixtures) {
    it(`${name}: the output, a fixed point, no fixable finding and no build in the shipped stage left`, () => {
      const first = cli(['fix', '--unsafe', '--stdout', join(FIXTURES, name, 'Dockerfile')]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, EXPECTED[name]);

      const dir = mkdtempSync(join(tmpdir(), 'dfslim-bench-fixture-'));
      const slim = join(dir, 'Dockerfile');
      writeFileSync(slim, first.stdout);
      const second = cli(['fix', '--unsafe', '--stdout', slim]);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, first.stdout, 'a second fix --unsafe changed the output');

      const check = cli(['check', '--format', 'json', slim]);
      const findings = (JSON.parse(check.stdout) as JsonReport).files[0]!.findings;
      assert.deepEqual(findings.filter((f) => f.fixes.length > 0).map((f) => f.ruleId), []);
      assert.equal(findings.some((f) => f.ruleId === 'build-in-final-stage'), false);
    });
  }
});
