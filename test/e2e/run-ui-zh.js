#!/usr/bin/env node
// Simplified Chinese in the real VS Code workbench (code-server started with `--locale zh-cn` + headless
// Chromium, the packaged .vsix). VS Code only takes a display language it has a language pack for, and the
// real Chinese pack cannot be downloaded here: a stand-in pack with no translations (fixtures/zh-cn-pack,
// packaged with vsce at the start) makes the workbench report zh-cn while its own texts stay English. The
// extension passes the display language to the language server, which
// writes its findings and hover cards in Chinese; the client's status item and the manifest's command titles
// come from l10n/bundle.l10n.zh-cn.json and package.nls.zh-cn.json. A screenshot is saved after every step.
//
// usage: node test/e2e/run-ui-zh.js [--update-readme-images]   (after `bash test/e2e/setup.sh` and `npm run package`)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { env, requireTools } = require('./lib/env');
const { startCodeServer } = require('./lib/codeServer');
const { UI_TIMEOUT, plain, createSteps, workbench, stopServer, runMain } = require('./lib/ui');

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(env.REPO, 'dockerfile-slim.vsix'));
const ARTIFACTS = path.join(env.ARTIFACTS, 'ui-zh');
const PACK_DIR = path.join(env.REPO, 'test', 'e2e', 'fixtures', 'zh-cn-pack');
const VSCE = path.join(env.REPO, 'node_modules', '.bin', 'vsce');
const FILE = 'Dockerfile';
const APT_LINE = 'RUN apt-get update && apt-get install -y curl';
const TEXT = `FROM debian:bookworm-slim\n${APT_LINE}\nCMD ["curl", "--version"]\n`;
/** What apt-lists-left says in Chinese (rule catalog, server/src/engine/rules/apt-lists-left.ts). */
const LISTS_ZH = '“apt-get update” 下载的软件包列表留在了这一层';
const README_IMAGES = {
  'Hovering the squiggle shows the finding in Chinese': path.join(env.REPO, 'docs', 'images', 'zh-cn.png'),
};

/** The text of the hovers shown, once one contains `want`; null after the timeout. */
async function hoverWith(page, pointAt, line, column, want) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.move(5, 5);
    const at = await pointAt(line, column);
    if (!at) continue;
    await page.mouse.move(at.x, at.y, { steps: 4 });
    const text = await page
      .waitForFunction((w) => {
        const t = [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((e) => e.textContent).join('\n');
        return t.includes(w) ? t : null;
      }, want, { timeout: 8000 })
      .then((h) => h.jsonValue())
      .catch(() => null);
    if (text) return plain(text);
  }
  return null;
}

/**
 * Writes the user data's languagepacks.json as VS Code's server does when it installs a language pack itself
 * (an install from the command line leaves it out, and without it the display language falls back to English).
 */
function listLanguagePack(dirs) {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const dir = fs.readdirSync(dirs.extensions).find((d) => d.startsWith(`${id}-`));
  if (!dir) throw new Error(`the stand-in language pack is not in ${dirs.extensions}`);
  const hash = require('node:crypto').createHash('md5').update(id).update(manifest.version).digest('hex');
  const packs = {
    'zh-cn': {
      hash,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: path.join(dirs.extensions, dir, 'translations', 'main.i18n.json') },
      label: '中文(简体)',
    },
  };
  fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(packs));
}

async function main() {
  requireTools(['CODE_SERVER_NODE', 'CODE_SERVER_ENTRY', 'PLAYWRIGHT_CORE', 'CHROMIUM']);
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const run = createSteps({ artifacts: ARTIFACTS, title: 'UI zh-cn suite' });
  const { step } = run;
  let server;
  try {
    const pack = path.join(ARTIFACTS, 'zh-cn-pack.vsix');
    const packed = spawnSync(VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '-o', pack], { cwd: PACK_DIR, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`vsce package of the stand-in language pack failed:\n${packed.stdout}\n${packed.stderr}`);
    server = await startCodeServer({ name: 'zh', vsix: [VSIX, pack], beforeStart: listLanguagePack,
      // Size hints off: the hover is aimed at a column of the line's text, which the hints would lengthen.
      settings: { 'dockerfileSlim.sizeHints': false }, log: path.join(ARTIFACTS, 'code-server.log'), extraArgs: ['--locale', 'zh-cn'] });
    fs.writeFileSync(path.join(server.dirs.workspace, FILE), TEXT);
    const context = await server.openBrowser({ width: 1280, height: 800 });
    const page = context.pages()[0] || (await context.newPage());
    run.setPage(page);
    const { openFromExplorer, pointAt, runFromPalette } = workbench(page, server);

    await step('Workbench opens with --locale zh-cn', async () => {
      await page.goto(server.url());
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      return `html lang="${await page.evaluate(() => document.documentElement.lang)}"`;
    });

    await step('The Problems row of apt-lists-left is in Chinese', async () => {
      await openFromExplorer(FILE);
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT });
      const row = await page
        .waitForFunction((want) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).find((t) => t.includes(want)) || null, LISTS_ZH, { timeout: UI_TIMEOUT })
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          const rows = await page.locator('.markers-panel .monaco-list-row').allTextContents();
          throw new Error(`${e.message.split('\n')[0]}; Problems rows: ${JSON.stringify(rows.map(plain))}`);
        });
      if (!plain(row).includes('apt-lists-left')) throw new Error(`the row does not name the rule id: ${plain(row)}`);
      return plain(row).slice(0, 160);
    });

    await step('Hovering the squiggle shows the finding in Chinese', async () => {
      const hover = await hoverWith(page, pointAt, APT_LINE, APT_LINE.indexOf('update'), LISTS_ZH);
      if (!hover) throw new Error('no hover with the Chinese apt-lists-left message appeared over `apt-get update`');
      if (!hover.includes('apt-lists-left')) throw new Error(`the hover does not name the rule: ${hover}`);
      return hover.slice(0, 160);
    });

    await step('The base-image hover card is in Chinese', async () => {
      const hover = await hoverWith(page, pointAt, 'FROM debian:bookworm-slim', 'FROM '.length + 2, '包管理器');
      if (!hover) throw new Error('no hover card with "包管理器" (package manager) over the FROM image');
      for (const want of ['C 库', '编译器/SDK']) if (!hover.includes(want)) throw new Error(`the card lacks "${want}": ${hover}`);
      return hover.slice(0, 160);
    });

    await step('The language status item speaks Chinese (l10n bundle)', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      const item = page.locator('[id="status.languageStatus"]');
      await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await item.click();
      const text = await page
        .waitForFunction(() => {
          const t = [...document.querySelectorAll('.monaco-hover:not(.hidden), .context-view')].map((e) => e.textContent).join('\n');
          return /Dockerfile Slim：\d+ 个问题/.test(t) ? t : null;
        }, null, { timeout: UI_TIMEOUT })
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          const shown = await page.locator('.monaco-hover:not(.hidden), .context-view').allTextContents();
          throw new Error(`${e.message.split('\n')[0]}; shown: ${JSON.stringify(shown.map(plain))}`);
        });
      const shown = plain(text);
      if (!shown.includes('精简此 Dockerfile')) throw new Error(`the status item's action is not in Chinese: ${shown}`);
      return shown.slice(shown.indexOf('Dockerfile Slim：'), shown.indexOf('Dockerfile Slim：') + 80);
    });

    await step('"Open rule documentation" opens the Chinese page of the rule', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await runFromPalette('Dockerfile Slim: 打开规则文档', { keepOpen: true });
      await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes('在此文件中')), null, { timeout: UI_TIMEOUT });
      await page.keyboard.type('apt-lists-left');
      await page.waitForFunction(() => {
        const focused = document.querySelector('.quick-input-list .monaco-list-row.focused');
        return focused && focused.textContent.includes('apt-lists-left');
      }, null, { timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: 'apt-lists-left' }).first().waitFor({ timeout: UI_TIMEOUT });
      // The page shipped in docs/rules/zh-cn/: its summary line, inside the preview's frames.
      const summary = fs.readFileSync(path.join(env.REPO, 'docs', 'rules', 'zh-cn', 'apt-lists-left.md'), 'utf8').split('\n')[2].replace(/`/g, '');
      let body = '';
      for (let i = 0; i < 60 && !body; i++) {
        for (const frame of page.frames()) {
          const t = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
          if (t && t.includes(summary)) body = t;
        }
        if (!body) await page.waitForTimeout(500);
      }
      if (!body) throw new Error(`the preview does not show the Chinese summary "${summary}"`);
      for (const want of ['为什么', '安全性：safe']) if (!body.includes(want)) throw new Error(`the preview lacks "${want}"`);
      await page.keyboard.press('Control+J');
      await page.waitForTimeout(1500);
      return `preview shows "${summary}" (${body.length} characters)`;
    });
  } catch (error) {
    await run.runnerFailed(error);
  } finally {
    await stopServer(server);
  }
  return run.finish(README_IMAGES);
}

runMain(main, 'UI zh-cn suite');
