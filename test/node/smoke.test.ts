import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import { compareSmoke, describeSmoke, exposedPorts, firstLineOf, probePort, publishedPort, readAnswer, smokePassed, smokeRun, type SmokeResult } from '../../server/src/node/smoke.js';
import { buildSkipReason, TEST_RUN_FLAGS } from '../support/builder.js';

/** A result as smokeRun returns it; only what a case changes is given. */
const result = (r: Partial<SmokeResult>): SmokeResult => ({ state: 'exited', exitCode: 0, log: '', firstLine: '', probed: [], answered: [], ...r });

describe('smoke test: reading a probe', () => {
  it('an HTTP status line gives the status; other bytes or a silent open connection answer TCP; closed without a byte does not', () => {
    assert.deepEqual(readAnswer(80, 'HTTP/1.1 404 Not Found\r\n', false), { port: 80, http: 404 });
    assert.deepEqual(readAnswer(80, 'HTTP/1.0 200 OK\r\n', true), { port: 80, http: 200 });
    assert.deepEqual(readAnswer(6379, '-ERR unknown command\r\n', true), { port: 6379, http: null });
    assert.deepEqual(readAnswer(5432, '', false), { port: 5432, http: null });
    assert.equal(readAnswer(8080, '', true), null);
  });

  it('the host port of `port NAME 80/tcp` output (Docker and Podman forms)', () => {
    assert.equal(publishedPort('127.0.0.1:40123\n'), 40123);
    assert.equal(publishedPort('0.0.0.0:32768\n[::]:32768\n'), 32768);
    assert.equal(publishedPort(''), null);
  });

  it('the first line is stdout’s first non-empty line, else stderr’s', () => {
    assert.equal(firstLineOf('\n  usage: app [-h]\nmore\n', 'warn\n'), 'usage: app [-h]');
    assert.equal(firstLineOf('', '\nError: no such file\n'), 'Error: no such file');
    assert.equal(firstLineOf('', ''), '');
  });

  it('EXPOSEd TCP ports: numbers, /tcp, ranges (first port), continuation lines; /udp and $PORT skipped', () => {
    assert.deepEqual(exposedPorts('FROM x\nEXPOSE 80 443/tcp\nexpose 53/udp $PORT ${P}\nEXPOSE 7000-7002 \\\n  9090\nEXPOSE 80\n'), [80, 443, 7000, 9090]);
    assert.deepEqual(exposedPorts('\uFEFFFROM x\r\nEXPOSE 3000\r\nCMD ["node"]\r\n'), [3000]);
    assert.deepEqual(exposedPorts('FROM x\nRUN echo EXPOSE 80\n'), []);
  });
});

describe('smoke test: probing real sockets', () => {
  const servers: Server[] = [];
  const listen = async (server: Server): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  after(() => {
    for (const s of servers) s.close();
  });

  it('an HTTP server answers with its status (any status counts)', async () => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(503).end('busy')));
    assert.deepEqual(await probePort('127.0.0.1', port, 8080), { port: 8080, http: 503 });
  });

  it('a TCP server that speaks first, or stays silent, answers without HTTP', async () => {
    const banner = await listen(createServer((socket) => socket.end('220 smtp ready\r\n')));
    assert.deepEqual(await probePort('127.0.0.1', banner, 25), { port: 25, http: null });
    const silent = await listen(createServer(() => undefined));
    assert.deepEqual(await probePort('127.0.0.1', silent, 5432, 300), { port: 5432, http: null });
  });

  it('a refused port, and a port that accepts and closes at once (a proxy with nothing behind it), do not answer', async () => {
    const closing = await listen(createServer((socket) => socket.destroy()));
    assert.equal(await probePort('127.0.0.1', closing, 8080), null);
    const gone = await listen(createServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    assert.equal(await probePort('127.0.0.1', gone, 8080), null);
  });
});

describe('smoke test: the slim image does at least what the original did', () => {
  const http200 = result({ state: 'running', exitCode: null, probed: [8080], answered: [{ port: 8080, http: 200 }] });

  it('answers on the same port over HTTP (another status is fine)', () => {
    assert.deepEqual(compareSmoke(http200, result({ state: 'running', exitCode: null, probed: [8080], answered: [{ port: 8080, http: 404 }] })), { ok: true, problem: null });
  });

  it('a slim server that stays up but does not answer where the original answered fails', () => {
    const slim = result({ state: 'running', exitCode: null, probed: [8080], log: 'open /app/config.yaml: no such file or directory' });
    assert.deepEqual(compareSmoke(http200, slim), {
      ok: false,
      problem: "the slim image's container stays up (port 8080 not answering) but the original's answers HTTP 200 on port 8080; its last output: open /app/config.yaml: no such file or directory",
    });
  });

  it('answering TCP where the original answered HTTP fails', () => {
    const slim = result({ state: 'running', exitCode: null, probed: [8080], answered: [{ port: 8080, http: null }] });
    assert.equal(compareSmoke(http200, slim).problem, "the slim image's container answers on port 8080 without HTTP, but the original's answers HTTP 200 on port 8080");
  });

  it('the original stays up (no port answered): the slim must stay up', () => {
    const original = result({ state: 'running', exitCode: null, probed: [8080] });
    assert.equal(compareSmoke(original, result({ state: 'running', exitCode: null, probed: [8080] })).ok, true);
    assert.equal(compareSmoke(original, result({ exitCode: 127, log: 'exec: ./app: not found' })).problem, "the slim image's container exits with 127 but the original's stays up (port 8080 not answering); its last output: exec: ./app: not found");
  });

  it('a program that exits: same status and same first line (dates and times aside)', () => {
    const original = result({ exitCode: 1, firstLine: '2026/12/07 03:44:48 Unable to connect to database' });
    assert.equal(compareSmoke(original, result({ exitCode: 1, firstLine: '2026/12/07 03:45:02 Unable to connect to database' })).ok, true);
    assert.deepEqual(compareSmoke(original, result({ exitCode: 1, firstLine: '2026/12/07 03:44:51 Error with LoadConfig open /app/config.yaml' })), {
      ok: false,
      problem: 'the slim image\'s container prints "2026/12/07 03:44:51 Error with LoadConfig open /app/config.yaml" first, the original\'s "2026/12/07 03:44:48 Unable to connect to database"',
    });
    assert.equal(compareSmoke(result({ exitCode: 0, firstLine: 'usage: tool' }), result({ exitCode: 2, firstLine: 'usage: tool' })).problem, "the slim image's container exits with 2 but the original's exits with 0");
    assert.equal(compareSmoke(result({ exitCode: 0 }), result({ state: 'running', exitCode: null })).ok, false);
  });

  it('one image on its own passes when it answered, stayed up or exited 0; described in words', () => {
    assert.deepEqual([http200, result({ state: 'running', exitCode: null }), result({ exitCode: 0 }), result({ exitCode: 1 })].map(smokePassed), [true, true, true, false]);
    assert.equal(describeSmoke(http200), 'answers HTTP 200 on port 8080');
    assert.equal(describeSmoke(result({ exitCode: 3, probed: [80, 443] })), 'exits with 3 (port 80, 443 not answering)');
  });
});

describe('smoke test with a builder (buildah + podman)', { skip: buildSkipReason() }, () => {
  const builder = { name: 'buildah', command: 'buildah' } as const;
  const options = { runFlags: [...TEST_RUN_FLAGS], waitMs: 1500, portWaitMs: 6000 };

  it('a web server answers HTTP on its port; a sleeper on the same port does not; a CLI prints and exits', async () => {
    // busybox's httpd serves its working directory: GET / is a 404, which counts as answering.
    const server = await smokeRun(builder, 'localhost/busybox:latest', { ...options, ports: [8080], runFlags: [...options.runFlags, '--entrypoint=httpd'], command: ['-f', '-p', '8080'] });
    assert.deepEqual([server.state, server.answered], ['running', [{ port: 8080, http: 404 }]]);
    const sleeper = await smokeRun(builder, 'localhost/busybox:latest', { ...options, ports: [8080], command: ['sleep', '30'] });
    assert.deepEqual([sleeper.state, sleeper.answered], ['running', []]);
    assert.equal(compareSmoke(server, sleeper).ok, false);
    const cli = await smokeRun(builder, 'localhost/busybox:latest', { ...options, command: ['sh', '-c', 'echo one; echo two; exit 3'] });
    assert.deepEqual([cli.state, cli.exitCode, cli.firstLine, cli.log], ['exited', 3, 'one', 'one\ntwo']);
  });
});
