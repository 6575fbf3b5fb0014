// An isolated code-server (the real VS Code workbench and Node extension host) on 127.0.0.1, and the headless
// Debian Chromium that shows its workbench. Everything either writes goes into one throw-away directory.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { env } = require('./env');
const { spawnGroup, stopGroup, reapMentioning } = require('./processes');

/** User settings that keep the workbench quiet and predictable: no welcome page, tips, AI panels or updates. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * Starts code-server in a fresh temp dir.
 * opts: { name, workspace (folder copied as the workspace), settings, vsix, extraArgs, env, log }
 */
async function startCodeServer(opts) {
  // Short path under /tmp: code-server puts unix sockets in TMPDIR, and socket paths are limited to 107 bytes.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `dse2e-${opts.name}-`));
  const dir = (name) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const dirs = {
    root,
    userData: dir('user-data'),
    extensions: dir('extensions'),
    workspace: dir('workspace'),
    chromeProfile: dir('chrome-profile'),
    config: path.join(root, 'config.yaml'),
  };
  if (opts.workspace) fs.cpSync(opts.workspace, dirs.workspace, { recursive: true });
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(opts.settings || {}) }, null, 2));

  // code-server would write ~/.config, ~/.local/share and ~/.cache, and sockets into the system temp dir;
  // Chromium would write ~/.config/chromium and ~/.cache/dconf.
  const childEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    TMPDIR: dir('tmp'),
    ...(opts.env || {}),
  };
  // Only the settings above; no proxy to a service the machine cannot reach.
  delete childEnv.VSCODE_IPC_HOOK_CLI;
  const common = ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const timings = {};
  const stopFns = [];
  const server = {
    dirs,
    env: childEnv,
    timings,
    async stop() {
      for (const f of stopFns.reverse()) await f().catch(() => {});
      const left = await reapMentioning(root);
      if (!env.KEEP) fs.rmSync(root, { recursive: true, force: true });
      return left;
    },
  };

  try {
    // One .vsix or several (e.g. the extension and a language pack), each installed with its own flag.
    const vsixes = opts.vsix ? [].concat(opts.vsix) : [];
    if (vsixes.length > 0) {
      const t = Date.now();
      const r = spawnSync(env.CODE_SERVER_NODE, [env.CODE_SERVER_ENTRY, ...common, ...vsixes.flatMap((v) => ['--install-extension', v])], {
        encoding: 'utf8',
        env: childEnv,
        timeout: 120_000,
        killSignal: 'SIGKILL',
      });
      timings.installExtension = Date.now() - t;
      if (r.status !== 0 || (r.stdout.match(/successfully installed/gi) || []).length < vsixes.length) {
        throw new Error(`code-server --install-extension ${vsixes.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
    }

    // A suite's own preparation of the installed profile (e.g. the language pack list), before the server starts.
    if (opts.beforeStart) await opts.beforeStart(dirs);

    const port = await freePort();
    const t = Date.now();
    const logStream = opts.log ? fs.createWriteStream(opts.log) : null;
    const cs = spawnGroup(
      env.CODE_SERVER_NODE,
      [
        env.CODE_SERVER_ENTRY,
        ...common,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...(opts.extraArgs || []),
      ],
      { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    stopFns.push(() => stopGroup(cs.pid));
    const out = [];
    const keep = (chunk) => {
      if (logStream) logStream.write(chunk);
      out.push(chunk);
      if (out.length > 200) out.shift();
    };
    cs.stdout.on('data', keep);
    cs.stderr.on('data', keep);
    for (;;) {
      if ((await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200) break;
      if (cs.exitCode !== null) throw new Error(`code-server exited with ${cs.exitCode} before it was ready:\n${Buffer.concat(out).toString()}`);
      if (Date.now() - t > 60_000) throw new Error(`code-server was not healthy after 60 s:\n${Buffer.concat(out).toString()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    timings.codeServerReady = Date.now() - t;
    const authority = `127.0.0.1:${port}`;
    server.port = port;
    server.process = cs;
    /** The `vscode-remote:` URI of a path on this machine (for the URL payload). */
    server.remoteUri = (p) => `vscode-remote://${authority}${p}`;
    /** The workbench URL with the workspace open; payload: [[key, value], …]. */
    server.url = (payload) =>
      `http://${authority}/?folder=${encodeURIComponent(dirs.workspace)}` + (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');

    /** Headless Debian Chromium through playwright-core (no browser download). */
    server.openBrowser = async (viewport = { width: 1280, height: 800 }) => {
      const { chromium } = require(env.PLAYWRIGHT_CORE);
      const t2 = Date.now();
      const context = await chromium.launchPersistentContext(dirs.chromeProfile, {
        executablePath: env.CHROMIUM,
        headless: true,
        env: childEnv,
        viewport,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      });
      timings.browserLaunch = Date.now() - t2;
      stopFns.push(() => context.close());
      return context;
    };
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

module.exports = { startCodeServer, QUIET_SETTINGS };
