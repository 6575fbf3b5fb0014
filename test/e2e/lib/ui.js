// What every workbench (UI) suite shares: steps with a screenshot each, and the few moves a user makes in the
// workbench (open a file from the Explorer or Quick Open, run a palette command, go to a line, read Problems).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { env } = require('./env');

const UI_TIMEOUT = 30_000;
const log = (line) => console.log(`[e2e] ${line}`);
/** Editor text as the DOM renders it: non-breaking spaces back to spaces. */
const plain = (s) => (s || '').replace(/\u00a0/g, ' ');

class StepFailed extends Error {}

/**
 * Steps of one suite. `step(name, fn)` runs fn, takes a screenshot afterwards (also when it fails) and records
 * the result; the first failure ends the run (StepFailed). `finish` writes results.json, copies the screenshots
 * of passing steps listed in readmeImages into docs/ when asked, logs a summary and returns the exit code.
 */
function createSteps({ artifacts, title }) {
  const t0 = Date.now();
  const results = [];
  let page = null;
  let shot = 0;
  const { Skip } = require('../suite/harness');
  return {
    results,
    t0,
    setPage(p) {
      page = p;
    },
    async step(name, fn) {
      const t = Date.now();
      let status = 'pass';
      let detail;
      try {
        detail = await fn();
      } catch (error) {
        if (error instanceof Skip) {
          status = 'skip';
          detail = error.message;
        } else {
          status = 'fail';
          detail = error && error.stack ? error.stack : String(error);
        }
      }
      const file = `${String(++shot).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.png`;
      if (page) await page.screenshot({ path: path.join(artifacts, file) }).catch(() => {});
      results.push({ name, status, ms: Date.now() - t, detail, screenshot: file });
      log(`${status === 'pass' ? 'PASS' : status === 'skip' ? 'SKIP' : 'FAIL'} ${name} (${Date.now() - t} ms)${detail ? `: ${String(detail).split('\n').slice(0, 6).join('\n        ')}` : ''}`);
      if (status === 'fail') throw new StepFailed(name);
    },
    /** Records an error that is not a step's (the runner's own), with a screenshot. */
    async runnerFailed(error) {
      if (error instanceof StepFailed) return;
      results.push({ name: 'runner', status: 'fail', detail: error && error.stack ? error.stack : String(error) });
      log(`FAIL runner: ${error && error.stack ? error.stack : error}`);
      if (page) await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
    },
    finish(readmeImages = {}) {
      fs.writeFileSync(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
      if (process.argv.includes('--update-readme-images')) {
        for (const r of results) {
          const image = readmeImages[r.name];
          if (!image || r.status !== 'pass') continue;
          fs.mkdirSync(path.dirname(image), { recursive: true });
          fs.copyFileSync(path.join(artifacts, r.screenshot), image);
          log(`README image: ${path.relative(env.REPO, image)} (${r.name})`);
        }
      }
      const count = (s) => results.filter((r) => r.status === s).length;
      log(`${title}: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped, ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${artifacts}`);
      for (const r of results.filter((x) => x.status === 'skip')) log(`  skipped: ${r.name}: ${r.detail}`);
      return count('fail') === 0 && count('pass') > 0 ? 0 : 1;
    },
  };
}

/** The moves a user makes in the workbench, on one page of one code-server. */
function workbench(page, server) {
  /** Fails at once when the Problems panel shows an internal error of the extension. */
  const problemRows = async () => {
    const rows = (await page.locator('.markers-panel .monaco-list-row').allTextContents()).map(plain);
    const broken = rows.find((r) => r.includes('internal-error'));
    if (broken) throw new Error(`Dockerfile Slim reported an internal error: ${broken}`);
    return rows;
  };
  const editorText = async () => plain((await page.locator('.editor-instance .monaco-editor .view-lines').first().textContent()) || '');
  /** Waits until the status bar names a Dockerfile language mode (the extension host's contributions arrived). */
  const dockerfileMode = async () => {
    const mode = await page.waitForFunction(
      () => {
        const t = document.querySelector('[id="status.editor.mode"]')?.textContent?.trim();
        return t && /docker|containerfile/i.test(t) ? t : null;
      },
      null,
      { timeout: UI_TIMEOUT },
    );
    return mode.jsonValue();
  };
  const openFromExplorer = async (label, { dockerfile = true } = {}) => {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${label}"]`);
    await row.first().waitFor({ timeout: UI_TIMEOUT });
    await row.first().click();
    await page.waitForFunction(
      // The window title names the active editor: "<file> - <folder> - code-server" ("● " first when dirty).
      (name) => document.title.replace(/^● /, '').startsWith(`${name} - `),
      label,
      { timeout: UI_TIMEOUT },
    );
    // The status bar first says "Plain Text" until the extension host's language contributions arrive.
    return dockerfile ? dockerfileMode() : null;
  };
  /** Screen point of a 0-based column in the rendered editor line whose text is `lineText` (monospace font). */
  const pointAt = async (lineText, column) => {
    const boxes = await page.locator('.editor-instance .monaco-editor .view-line').evaluateAll(
      (lines, want) =>
        lines
          .filter((l) => l.textContent.replace(/\u00a0/g, ' ') === want)
          .map((l) => {
            const r = l.firstElementChild.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height, chars: l.textContent.length };
          }),
      lineText,
    );
    if (boxes.length === 0) return null;
    const b = boxes[0];
    return { x: b.x + (b.width / b.chars) * (column + 0.5), y: b.y + b.height / 2 };
  };
  const goTo = async (line, column) => {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await page.waitForFunction(
      (want) => /Ln (\d+), Col (\d+)/.exec(document.querySelector('[id="status.editor.selection"]')?.textContent || '')?.slice(1).join(':') === want,
      `${line}:${column}`,
      { timeout: UI_TIMEOUT },
    );
  };
  /** Runs a command from the command palette (F1) by its title; `then` picks a row of a quick pick it opens. */
  const runFromPalette = async (title, { keepOpen = false } = {}) => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type(title);
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes(t)),
      title,
      { timeout: UI_TIMEOUT },
    );
    await page.keyboard.press('Enter');
    if (!keepOpen) await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  };
  /** Writes a file into the workspace and opens it with Quick Open (Ctrl+P). */
  const openNew = async (name, text) => {
    fs.writeFileSync(path.join(server.dirs.workspace, name), text);
    // Quick Open lists a new file once the workbench's file watcher has seen it: ask again until it does.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page.keyboard.type(name);
      const listed = await page
        .waitForFunction((t) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes(t)), name, { timeout: UI_TIMEOUT / 3 })
        .then(() => true)
        .catch(() => false);
      if (listed) break;
      if (attempt === 3) throw new Error(`Quick Open does not list ${name}`);
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.title.replace(/^● /, '').startsWith(`${n} - `), name, { timeout: UI_TIMEOUT });
  };
  return { problemRows, editorText, dockerfileMode, openFromExplorer, pointAt, goTo, runFromPalette, openNew };
}

/** Stops a suite's workbench server and says how many leftover processes it had to end. */
async function stopServer(server) {
  if (!server) return;
  const left = await server.stop();
  if (left.length > 0) log(`stopped ${left.length} leftover process(es)`);
}

/** Runs a suite's main and exits with its code; an error outside the steps is one readable line. */
function runMain(main, title) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[e2e] ${title} could not run: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    },
  );
}

module.exports = { UI_TIMEOUT, log, plain, createSteps, workbench, StepFailed, stopServer, runMain };
