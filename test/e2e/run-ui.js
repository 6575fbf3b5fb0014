#!/usr/bin/env node
// UI suite: the packaged extension (dockerfile-slim.vsix, installed with `code-server --install-extension`)
// in the real VS Code workbench, driven like a user through headless Debian Chromium (playwright-core):
// squiggles, the Problems panel with rule ids, the quick-fix menu from the keyboard, the base-image hover on
// `FROM alpine`, and "Slim this Dockerfile" from the command palette: the refactor preview lists the unsafe
// changes unticked, one is ticked, Apply, then the text and the "Dockerfile Slim:" notification are checked.
// A screenshot is saved after every step.
//
// usage: node test/e2e/run-ui.js [--update-readme-images]   (after `bash test/e2e/setup.sh` and `npm run package`)
// env:   E2E_VSIX (default <repo>/dockerfile-slim.vsix), E2E_ARTIFACTS (default .e2e-cache/artifacts)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { env, requireTools } = require('./lib/env');
const { startCodeServer } = require('./lib/codeServer');
const { spawnSync } = require('node:child_process');
const { UI_TIMEOUT, log, plain, createSteps, workbench, stopServer, runMain } = require('./lib/ui');
const { Skip } = require('./suite/harness');

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(env.REPO, 'dockerfile-slim.vsix'));
const FIXTURES = path.join(env.REPO, 'test', 'e2e', 'fixtures', 'workspace');
const ARTIFACTS = path.join(env.ARTIFACTS, 'ui');
/** Every rule that reports on the fixture Dockerfile today (its Problems rows). */
const RULES = ['runs-as-root', 'apt-lists-left', 'apt-recommends-installed', 'build-dependencies-kept', 'build-in-final-stage', 'pip-cache-kept', 'shell-form-command'];
const FIX_TITLE = 'Remove the apt lists at the end of this RUN';
const APT_LINE = 'RUN apt-get update && apt-get install -y gcc libpq-dev curl';
const SLIM_TITLE = 'Slim this Dockerfile';
/** The unsafe change the slim step confirms in the refactor preview (the other, --no-install-recommends, stays unticked). */
/** A file written into the workspace for the review steps: one safe fix and two unsafe ones, on different characters. */
const REVIEW_FILE = 'review.Dockerfile';
const REVIEW_TEXT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';
/** "Apply" as the preview opens: the safe group only (ticked), the two unsafe fixes left (unticked). */
const REVIEW_MESSAGE = 'Dockerfile Slim: applied 1 safe fix (≈ −20 MB est.); left: 2 fixes to review, 1 finding to change by hand.';
/** A stage reference that points nowhere (what a half-applied split leaves). */
const DANGLING_FILE = 'dangling.Dockerfile';
const DANGLING_TEXT = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=build /opt/venv /opt/venv\nCMD ["python", "app.py"]\n';
/** A Go build in the final stage, for the split quick fix. */
const SPLIT_FILE = 'split.Dockerfile';
const SPLIT_TEXT = 'FROM golang:1.25\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/hello .\nCMD ["/app/hello"]\n';
const SPLIT_TITLE = 'Split into a build stage and a runtime stage';
/** Steps whose screenshots `--update-readme-images` copies into docs/images (only when the step passed). */
const README_IMAGES = {
  'Hovering a squiggle shows the finding and its rule': path.join(env.REPO, 'docs', 'images', 'diagnostics.png'),
  'Quick-fix menu from the keyboard (Ctrl+.)': path.join(env.REPO, 'docs', 'images', 'quick-fix.png'),
  'Hover on FROM alpine shows the musl note': path.join(env.REPO, 'docs', 'images', 'base-image-hover.png'),
  '"Slim this Dockerfile" opens the review: the safe group ticked, each unsafe fix unticked on its own': path.join(env.REPO, 'docs', 'images', 'slim-preview.png'),
  '"Measure image": measured sizes above the lines, the waste in Problems': path.join(env.REPO, 'docs', 'images', 'measure.png'),
  'Apply as offered applies the safe group, and the notification counts exactly that': path.join(env.REPO, 'docs', 'images', 'slim-result.png'),
  '"Verify by building" after Slim: both built and run, the measured saving next to the estimate': path.join(env.REPO, 'docs', 'images', 'verify.png'),
  'Size hints on the lines (a workspace with dockerfileSlim.sizeHints on from the start)': path.join(env.REPO, 'docs', 'images', 'size-hints.png'),
};
/** "Measure image" builds with buildah here (chroot isolation, local base image, no registry). */
const MEASURE_SETTINGS = {
  'dockerfileSlim.measure.builders': ['buildah'],
  'dockerfileSlim.measure.buildFlags': ['--isolation=chroot', '--pull=never'],
  'dockerfileSlim.measure.runFlags': ['--runtime=runc', '--ulimit=nofile=1024:1024', '--ulimit=nproc=1024:1024'],
};
/** Size hints render inside the editor's lines (inlay hints are part of a line's text): off, since the steps compare line text. */
const UI_SETTINGS = { ...MEASURE_SETTINGS, 'dockerfileSlim.sizeHints': false };
const MEASURE_FILE = 'measure.Dockerfile';
const MEASURE_TEXT = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\nRUN head -c 400000 /dev/urandom > /tmp/build.log\nRUN rm /tmp/build.log\nCMD ["sh"]\n';
/** "Verify by building": Slim turns the COPY + chmod into COPY --chmod (unsafe: ticked in the preview), then both files are built and run. */
const VERIFY_FILE = 'verify.Dockerfile';
const VERIFY_TEXT = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\nCMD ["echo", "hello"]\n';
const VERIFY_SLIM = 'FROM localhost/busybox\nCOPY --chmod=755 blob.bin /data/blob.bin\nCMD ["echo", "hello"]\n';

async function main() {
  requireTools(['CODE_SERVER_NODE', 'CODE_SERVER_ENTRY', 'PLAYWRIGHT_CORE', 'CHROMIUM']);
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const run = createSteps({ artifacts: ARTIFACTS, title: 'UI suite' });
  const { step, t0 } = run;
  let server;
  let page;

  try {
    server = await startCodeServer({ name: 'ui', workspace: FIXTURES, vsix: VSIX, settings: UI_SETTINGS, log: path.join(ARTIFACTS, 'code-server.log') });
    const listed = require('node:child_process').spawnSync(
      env.CODE_SERVER_NODE,
      [env.CODE_SERVER_ENTRY, '--config', server.dirs.config, '--user-data-dir', server.dirs.userData, '--extensions-dir', server.dirs.extensions, '--list-extensions', '--show-versions'],
      { encoding: 'utf8', env: server.env },
    );
    log(`installed: ${listed.stdout.trim()} (install ${server.timings.installExtension} ms)`);
    const context = await server.openBrowser({ width: 1280, height: 800 });
    page = context.pages()[0] || (await context.newPage());
    run.setPage(page);
    const { problemRows, editorText, openFromExplorer, pointAt, goTo, runFromPalette, openNew } = workbench(page, server);
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await step('Workbench opens the workspace', async () => {
      await page.goto(server.url());
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      const files = await page.locator('.explorer-folders-view .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
      for (const f of ['Dockerfile', 'Containerfile', 'go.Dockerfile', 'alpine.Dockerfile']) {
        if (!files.includes(f)) throw new Error(`the Explorer does not list ${f}: ${files.join(', ')}`);
      }
      return `${((Date.now() - t0) / 1000).toFixed(1)} s after start`;
    });

    await step('Squiggles on the Dockerfile', async () => {
      const mode = await openFromExplorer('Dockerfile');
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      const n = await page.locator('.editor-instance .monaco-editor .squiggly-warning').count();
      return `language mode "${mode}", ${n} warning squiggle(s)`;
    });

    await step('Problems panel lists the rule ids', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT });
      await page
        .waitForFunction(
          (rules) => {
            const text = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).join('\n');
            return rules.every((id) => text.includes(id)) || text.includes('internal-error');
          },
          RULES,
          { timeout: UI_TIMEOUT },
        )
        .catch(async (e) => {
          throw new Error(`${e.message}\nProblems rows: ${JSON.stringify(await problemRows())}`);
        });
      const rows = await problemRows();
      const status = await page.locator('[id="status.problems"]').getAttribute('aria-label');
      if (status !== 'Warnings: 6, Infos: 1') throw new Error(`status bar problems: "${status}", expected "Warnings: 6, Infos: 1"`);
      for (const id of RULES) {
        if (!rows.some((r) => r.includes('dockerfile-slim') && r.includes(id))) throw new Error(`no Problems row names dockerfile-slim and ${id}: ${JSON.stringify(rows)}`);
      }
      return `${rows.length} rows (${JSON.stringify(rows[1])} …); status bar "${status}"`;
    });

    await step('Hovering a squiggle shows the finding and its rule', async () => {
      let hover = null;
      for (let attempt = 0; attempt < 3 && !hover; attempt++) {
        await page.mouse.move(5, 5);
        // Re-measured every attempt: the editor re-renders when panels open.
        const at = await pointAt(APT_LINE, APT_LINE.indexOf('update'));
        if (!at) continue;
        await page.mouse.move(at.x, at.y, { steps: 4 });
        hover = await page
          .waitForFunction(
            () => {
              const t = [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((e) => e.textContent).join('\n');
              return t.includes('apt-lists-left') ? t : null;
            },
            null,
            { timeout: 8000 },
          )
          .then((h) => h.jsonValue())
          .catch(() => null);
      }
      if (!hover) throw new Error('no hover naming apt-lists-left appeared over `apt-get update`');
      if (!hover.includes('leaves the apt lists in this layer')) throw new Error(`the hover lacks the message: ${hover}`);
      return plain(hover).slice(0, 140);
    });

    await step('Quick-fix menu from the keyboard (Ctrl+.)', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      // Line 4, column 5: the start of `apt-get update`, where apt-lists-left is reported.
      await goTo(4, 5);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
      await menu.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page.waitForFunction((title) => document.querySelector('.action-widget')?.textContent?.includes(title), FIX_TITLE, { timeout: UI_TIMEOUT });
      const items = (await page.locator('.action-widget .monaco-list-row.action').allTextContents()).map(plain);
      return `menu: ${items.join(' | ')}`;
    });

    await step('Quick fix applied: the apt lists are removed', async () => {
      // Walk the menu with the arrow keys to the fix, then Enter.
      for (let i = 0; i < 10; i++) {
        const focused = plain(await page.locator('.action-widget .monaco-list-row.action.focused').first().textContent().catch(() => ''));
        if (focused.includes(FIX_TITLE)) break;
        await page.keyboard.press('ArrowDown');
      }
      const focused = plain(await page.locator('.action-widget .monaco-list-row.action.focused').first().textContent());
      if (!focused.includes(FIX_TITLE)) throw new Error(`could not select "${FIX_TITLE}" in the menu (focused: ${focused})`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (line) =>
          [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')]
            .map((e) => e.textContent.replace(/\u00a0/g, ' '))
            .includes(line),
        `${APT_LINE} && rm -rf /var/lib/apt/lists/*`,
        { timeout: UI_TIMEOUT },
      ).catch(async (e) => {
        const lines = await page.locator('.editor-instance .monaco-editor .view-line').allTextContents();
        throw new Error(`${e.message}\neditor lines: ${JSON.stringify(lines)}`);
      });
      // apt-lists-left leaves the Problems panel; the other two findings stay.
      await page.waitForFunction(
        () => {
          const text = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).join('\n');
          return !text.includes('apt-lists-left') && text.includes('apt-recommends-installed');
        },
        null,
        { timeout: UI_TIMEOUT },
      );
      await problemRows();
      return 'line 4 now ends with "&& rm -rf /var/lib/apt/lists/*"';
    });

    await step('Hover on FROM alpine shows the musl note', async () => {
      const lines = fs.readFileSync(path.join(FIXTURES, 'alpine.Dockerfile'), 'utf8').split('\n');
      const line = lines.indexOf('FROM alpine:3.20');
      await openFromExplorer('alpine.Dockerfile');
      const readHover = (ms) =>
        page
          .waitForFunction(
            () => {
              const t = [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((e) => e.textContent).join('\n');
              return /musl libc: what differs from glibc/.test(t) ? t : null;
            },
            null,
            { timeout: ms },
          )
          .then((h) => h.jsonValue())
          .catch(() => null);
      let hover = null;
      for (let attempt = 0; attempt < 3 && !hover; attempt++) {
        await page.mouse.move(5, 5);
        // Re-query every attempt: the editor re-renders when panels open.
        const at = await pointAt('FROM alpine:3.20', 7);
        if (!at) continue;
        await page.mouse.move(at.x, at.y, { steps: 4 });
        hover = await readHover(8000);
      }
      if (!hover) {
        // The keyboard route (Ctrl+K Ctrl+I) when the mouse hover does not come.
        await goTo(line + 1, 8);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        hover = await readHover(8000);
      }
      if (!hover) {
        const shown = (await page.locator('.monaco-hover:not(.hidden)').allTextContents()).join(' | ');
        throw new Error(`no hover with the musl card appeared on FROM alpine:3.20 (hover shown: "${plain(shown)}")`);
      }
      const text = plain(hover);
      for (const want of ['alpine:3.20 · Alpine Linux', 'libc: musl', 'Threads get a 128 KiB stack by default']) {
        if (!text.includes(want)) throw new Error(`the base-image hover lacks "${want}": ${text}`);
      }
      return text.slice(text.indexOf('alpine:3.20 ·'), text.indexOf('alpine:3.20 ·') + 160);
    });

    // "Slim this Dockerfile" on the quick-fixed Dockerfile: one safe change (pip --no-cache-dir) and two unsafe
    // ones (--no-install-recommends, CMD in exec form). VS Code shows the unsafe ones unticked in the preview.
    // The package holds no CLI: the oracle is the repository's build of it (`npm run package` builds both).
    const cli = path.join(env.REPO, 'server', 'out', 'cli.js');
    const previewRows = () =>
      page.locator('.bulk-edit-panel .monaco-list-row').evaluateAll((rows) =>
        rows.map((r) => {
          const box = r.querySelector('.edit-checkbox');
          return {
            text: r.textContent.replace(/\u00a0/g, ' '),
            level: Number(r.getAttribute('aria-level')),
            checked: box ? box.classList.contains('checked') || box.getAttribute('aria-checked') === 'true' : null,
          };
        }),
      );
    const editorLines = () =>
      page.locator('.editor-instance .monaco-editor .view-line').evaluateAll((lines) =>
        lines
          .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    let beforeSlim = null;
    /** Opens the preview of "Slim this Dockerfile", grouped by change type, every category expanded. */
    const openSlimPreview = async (minRows) => {
      for (let i = 0; i < 4; i++) {
        const panel = await page.locator('.part.panel').boundingBox();
        if (!panel || panel.height >= 370) break;
        await runFromPalette('Decrease Editor Height');
        await page.waitForFunction((h) => document.querySelector('.part.panel').getBoundingClientRect().height > h, panel.height, { timeout: UI_TIMEOUT });
      }
      await runFromPalette(SLIM_TITLE);
      await page
        .locator('.bulk-edit-panel[data-state="data"] .monaco-list-row')
        .first()
        .waitFor({ timeout: UI_TIMEOUT })
        .catch(async (e) => {
          const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
          throw new Error(`the refactor preview did not open (${e.message.split('\n')[0]}); notifications: ${JSON.stringify(toasts)}`);
        });
      // The preview opens grouped by file; its "Group Changes By Type" action can appear a moment later.
      const byType = page.locator('.panel .action-label[aria-label*="Group Changes By Type"]:visible');
      const byFile = page.locator('.panel .action-label[aria-label*="Group Changes By File"]:visible');
      await Promise.race([byType.first().waitFor({ timeout: UI_TIMEOUT / 3 }), byFile.first().waitFor({ timeout: UI_TIMEOUT / 3 })]).catch(() => undefined);
      if ((await byType.count()) > 0) await byType.first().click({ timeout: UI_TIMEOUT });
      await page.mouse.move(5, 5);
      for (let i = 0; i < 8; i++) {
        const collapsed = page.locator('.bulk-edit-panel .monaco-list-row[aria-expanded="false"]');
        if ((await collapsed.count()) === 0) break;
        await collapsed.first().click();
      }
      await page.waitForFunction((n) => document.querySelectorAll('.bulk-edit-panel .monaco-list-row .edit-checkbox').length >= n, minRows, { timeout: UI_TIMEOUT });
      return previewRows();
    };
    /** Records every "Dockerfile Slim:" toast from now on (with its buttons): a toast can hide itself before a slow check looks. */
    const recordToasts = () =>
      page.evaluate(() => {
        window.__slimToasts = [];
        const seen = () => {
          for (const item of document.querySelectorAll('.notification-list-item')) {
            const t = item.querySelector('.notification-list-item-message')?.textContent || '';
            if (!t.startsWith('Dockerfile Slim:') || window.__slimToasts.some((x) => x.text === t)) continue;
            const buttons = [...item.querySelectorAll('.monaco-button')].map((b) => b.textContent.trim()).filter(Boolean);
            window.__slimToasts.push({ text: t, buttons });
          }
        };
        new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    const nextToast = () =>
      page
        .waitForFunction(() => window.__slimToasts[0] || null, null, { timeout: UI_TIMEOUT, polling: 100 })
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          throw new Error(`no "Dockerfile Slim:" notification (${e.message.split('\n')[0]}); editor: ${JSON.stringify(await editorLines())}`);
        });
    const waitForEditor = (expected) =>
      page
        .waitForFunction(
          (want) =>
            JSON.stringify(
              [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')]
                .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
                .sort((a, b) => a.top - b.top)
                .map((l) => l.text),
            ) === want,
          JSON.stringify(expected),
          { timeout: UI_TIMEOUT },
        )
        .catch(async () => {
          throw new Error(`the editor is not the expected text\nexpected: ${JSON.stringify(expected)}\neditor:   ${JSON.stringify(await editorLines())}`);
        });
    /** The CLI on a text (the package holds no CLI: the oracle is the repository's build of it). */
    const cliFix = (text, args) => {
      const input = path.join(server.dirs.root, 'slim-oracle.Dockerfile');
      fs.writeFileSync(input, text);
      const r = spawnSync(process.execPath, [cli, 'fix', '--stdout', ...args, input], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`dockerfile-slim fix ${args.join(' ')} --stdout failed: ${r.stderr}`);
      return r.stdout;
    };

    await step('"Slim this Dockerfile" opens the review: the safe group ticked, each unsafe fix unticked on its own', async () => {
      await openNew(REVIEW_FILE, REVIEW_TEXT);
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT });
      const rows = await openSlimPreview(3);
      const edits = rows.filter((r) => r.checked !== null && r.level >= 2 && !/\.Dockerfile/.test(r.text));
      const categories = rows.filter((r) => r.level === 1).map((r) => r.text);
      const want = ['Safe fixes (1) — ≈ −20 MB est.', 'Add --no-install-recommends', 'Convert CMD to exec form — unsafe — not estimated'];
      for (const w of want) if (!categories.some((c) => c.includes(w))) throw new Error(`no preview group "${w}": ${JSON.stringify(categories)}`);
      const row = (needle) => rows.find((r) => r.checked !== null && r.text.includes(needle));
      const lists = row('rm -rf /var/lib/apt/lists');
      const recommends = row('--no-install-recommends');
      const cmd = row('["node", "server.js"]');
      if (!lists || !recommends || !cmd) throw new Error(`the preview does not list the three changes: ${JSON.stringify(rows)}`);
      if (lists.checked !== true || recommends.checked !== false || cmd.checked !== false) throw new Error(`expected the safe change ticked and the unsafe ones unticked: ${JSON.stringify(rows)}`);
      return `${categories.join(' | ')} (${edits.length} rows)`;
    });

    await step('Apply as offered applies the safe group, and the notification counts exactly that', async () => {
      await recordToasts();
      await page.locator('.bulk-edit-panel .buttons .monaco-button', { hasText: 'Apply' }).click();
      const expected = cliFix(REVIEW_TEXT, []).split('\n');
      await waitForEditor(expected);
      const toast = await nextToast();
      if (plain(toast.text) !== REVIEW_MESSAGE) throw new Error(`notification: "${plain(toast.text)}", expected "${REVIEW_MESSAGE}"`);
      if (JSON.stringify(toast.buttons) !== JSON.stringify(['Verify by building', 'Show remaining', 'Undo'])) throw new Error(`notification buttons: ${JSON.stringify(toast.buttons)}`);
      return `${plain(toast.text)} [${toast.buttons.join('] [')}]`;
    });

    await step('"Undo" in the notification puts the text back', async () => {
      const undo = page.locator('.notification-list-item', { hasText: 'Dockerfile Slim:' }).locator('.monaco-button', { hasText: 'Undo' }).first();
      // The toast may have gone to the notification center by now: open it there.
      if (!(await undo.isVisible())) await runFromPalette('Notifications: Show Notifications');
      await undo.click({ timeout: UI_TIMEOUT });
      await waitForEditor(REVIEW_TEXT.split('\n'));
      return 'the editor shows the text from before the command';
    });

    await step('The split is one row of the preview: ticked, it applies whole', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await openFromExplorer('Dockerfile');
      beforeSlim = await editorLines();
      if (!beforeSlim.includes(`${APT_LINE} && rm -rf /var/lib/apt/lists/*`)) throw new Error(`the Dockerfile is not the quick-fixed one: ${JSON.stringify(beforeSlim)}`);
      const rows = await openSlimPreview(2);
      const splitGroup = rows.findIndex((r) => r.level === 1 && r.text.includes(SPLIT_TITLE));
      if (splitGroup < 0) throw new Error(`no split group in the preview: ${JSON.stringify(rows)}`);
      // "— unsafe —" before a saving, or "— unsafe" after a title that states its own estimate.
      if (!/ — unsafe( — |$| \()/.test(rows[splitGroup].text.replace(/may change what is installed.*$/, ''))) throw new Error(`the split group does not say "unsafe": ${rows[splitGroup].text}`);
      // Its rows up to the next group: one file, one edit.
      const next = rows.findIndex((r, i) => i > splitGroup && r.level === 1);
      const under = rows.slice(splitGroup + 1, next < 0 ? rows.length : next).filter((r) => r.level >= 3 || (r.level === 2 && !/Dockerfile/.test(r.text)));
      if (under.length !== 1) throw new Error(`the split is ${under.length} rows, not one: ${JSON.stringify(rows)}`);
      if (under[0].checked !== false) throw new Error(`the split is ticked before review: ${JSON.stringify(under[0])}`);
      await recordToasts();
      // The row is wider than the panel (one edit over the whole stage): its checkbox can sit out of view, so the
      // click is sent to the checkbox element itself.
      const box = page.locator('.bulk-edit-panel .monaco-list-row[aria-level="3"]', { hasText: under[0].text.trim().slice(0, 30) }).first().locator('.edit-checkbox');
      await box.dispatchEvent('click');
      await page.waitForFunction((t) => [...document.querySelectorAll('.bulk-edit-panel .monaco-list-row[aria-level="3"]')].some((r) => r.textContent.includes(t) && r.querySelector('.edit-checkbox.checked, .edit-checkbox[aria-checked="true"]')), under[0].text.trim().slice(0, 30), { timeout: UI_TIMEOUT });
      await page.locator('.bulk-edit-panel .buttons .monaco-button', { hasText: 'Apply' }).click();
      // The oracle: every fix but those left unticked, on the text the preview started from.
      const expected = cliFix(beforeSlim.join('\n'), ['--unsafe', '--rule', 'shell-form-command=off', '--rule', 'apt-recommends-installed=off']).split('\n');
      // The editor renders only the lines it has room for: hide the panel while comparing the whole text.
      await page.locator('.bulk-edit-panel').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      if (await page.locator('.part.panel').isVisible()) await runFromPalette('View: Hide Panel');
      await waitForEditor(expected);
      const toast = await nextToast();
      if (!plain(toast.text).startsWith('Dockerfile Slim: applied 1 safe fix and 1 unsafe fix')) throw new Error(`notification: "${plain(toast.text)}"`);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(
        () => {
          const text = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).join('\n');
          return text.includes('shell-form-command') && !text.includes('build-in-final-stage') && !text.includes('pip-cache-kept');
        },
        null,
        { timeout: UI_TIMEOUT },
      );
      const rowsAfter = await problemRows();
      if (rowsAfter.some((r) => r.includes('unknown-stage-reference'))) throw new Error(`the split left a dangling stage reference: ${JSON.stringify(rowsAfter)}`);
      return plain(toast.text);
    });

    await step('A stage reference that points nowhere is an error', async () => {
      await openNew(DANGLING_FILE, DANGLING_TEXT);
      await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(
        () => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('unknown-stage-reference') && r.textContent.includes('No stage above is named "build"')),
        null,
        { timeout: UI_TIMEOUT },
      ).catch(async (e) => {
        throw new Error(`${e.message}\nProblems rows: ${JSON.stringify(await problemRows())}`);
      });
      const row = (await problemRows()).find((r) => r.includes('unknown-stage-reference'));
      return row;
    });

    await step('The split quick fix opens the preview instead of applying at once', async () => {
      await openNew(SPLIT_FILE, SPLIT_TEXT);
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: UI_TIMEOUT });
      // Line 4, column 5: `go build`, where build-in-final-stage is reported.
      await goTo(4, 5);
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget:not(.action-list-submenu-panel)').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page.waitForFunction((title) => document.querySelector('.action-widget')?.textContent?.includes(title), SPLIT_TITLE, { timeout: UI_TIMEOUT });
      for (let i = 0; i < 12; i++) {
        const focused = plain(await page.locator('.action-widget .monaco-list-row.action.focused').first().textContent().catch(() => ''));
        if (focused.includes(SPLIT_TITLE)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.locator('.bulk-edit-panel[data-state="data"] .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT });
      const lines = await editorLines();
      if (JSON.stringify(lines) !== JSON.stringify(SPLIT_TEXT.split('\n'))) throw new Error(`the split was applied before review: ${JSON.stringify(lines)}`);
      const rows = (await previewRows()).map((r) => r.text);
      await page.locator('.bulk-edit-panel .buttons .monaco-button', { hasText: 'Discard' }).click();
      return rows.slice(0, 3).join(' | ');
    });

    await step('"Measure image": measured sizes above the lines, the waste in Problems', async () => {
      const missing = measureSkipReason();
      if (missing) throw new Skip(missing);
      // Written into the workspace copy now, so the other suites' fixtures stay as they are.
      fs.writeFileSync(path.join(server.dirs.workspace, 'blob.bin'), require('node:crypto').randomBytes(300_000));
      fs.writeFileSync(path.join(server.dirs.workspace, MEASURE_FILE), MEASURE_TEXT);
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      // From the Explorer: Quick Open's file index can lag behind a file written a moment ago.
      await openFromExplorer(MEASURE_FILE);
      await runFromPalette('Dockerfile Slim: Measure image');
      const lenses = await page
        .waitForFunction(
          () => {
            const t = [...document.querySelectorAll('.editor-instance .monaco-editor .codelens-decoration')].map((e) => e.textContent.replace(/\u00a0/g, ' '));
            return t.length >= 4 && t.some((x) => x.startsWith('Measured (buildah)')) ? t : null;
          },
          null,
          { timeout: 300_000, polling: 500 },
        )
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
          throw new Error(`no measured code lenses (${e.message.split('\n')[0]}); notifications: ${JSON.stringify(toasts)}`);
        });
      const want = [/^Measured \(buildah\): base image [\d.]+ MB · stage total [\d.]+ MB, [\d.]+ [kM]B from this file · 700\.0 kB wasted$/, /^Measured: 30\d\.\d kB · 300\.0 kB of it hidden later$/, /^Measured: 30\d\.\d kB · hides 300\.0 kB stored below$/, /^Measured: 40\d\.\d kB · 400\.0 kB of it hidden later$/, /^Measured: [\d.]+ kB · hides 400\.0 kB stored below$/];
      if (lenses.length !== want.length || !want.every((re, i) => re.test(lenses[i]))) throw new Error(`code lenses: ${JSON.stringify(lenses)}`);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].filter((r) => r.textContent.includes('layer-waste')).length >= 4, null, { timeout: UI_TIMEOUT });
      const rows = (await problemRows()).filter((r) => r.includes('layer-waste'));
      if (!rows.some((r) => r.includes('line 3 (RUN) replaces a file that line 2 (COPY) stored'))) throw new Error(`Problems rows: ${JSON.stringify(rows)}`);
      await page.mouse.move(5, 5);
      return lenses.join(' | ');
    });

    /** The first recorded "Dockerfile Slim:" toast whose text matches `re` (recordToasts first). */
    const toastMatching = (re, timeout = UI_TIMEOUT) =>
      page
        .waitForFunction((source) => window.__slimToasts.find((t) => new RegExp(source).test(t.text.replace(/\u00a0/g, ' '))) || null, re.source, { timeout, polling: 250 })
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          const seen = await page.evaluate(() => window.__slimToasts.map((t) => t.text));
          throw new Error(`no notification matching ${re} (${e.message.split('\n')[0]}); seen: ${JSON.stringify(seen)}`);
        });
    /** Clicks a button of the toast whose text starts with `prefix` (from the notification center when the toast has gone). */
    const clickToastButton = async (prefix, label) => {
      const button = page.locator('.notification-list-item', { hasText: prefix }).locator('.monaco-button', { hasText: label }).first();
      if (!(await button.isVisible())) await runFromPalette('Notifications: Show Notifications');
      await button.click({ timeout: UI_TIMEOUT });
    };

    await step('"Verify by building" after Slim: both built and run, the measured saving next to the estimate', async () => {
      const missing = measureSkipReason();
      if (missing) throw new Skip(missing);
      fs.writeFileSync(path.join(server.dirs.workspace, 'blob.bin'), require('node:crypto').randomBytes(300_000));
      await openNew(VERIFY_FILE, VERIFY_TEXT);
      const rows = await openSlimPreview(1);
      const chmod = rows.find((r) => r.checked !== null && r.text.includes('--chmod=755'));
      if (!chmod || chmod.checked !== false) throw new Error(`the preview does not offer COPY --chmod unticked: ${JSON.stringify(rows)}`);
      await recordToasts();
      await page.locator('.bulk-edit-panel .monaco-list-row', { hasText: '--chmod=755' }).locator('.edit-checkbox').first().dispatchEvent('click');
      await page.waitForFunction(() => [...document.querySelectorAll('.bulk-edit-panel .monaco-list-row')].some((r) => r.textContent.includes('--chmod=755') && r.querySelector('.edit-checkbox.checked, .edit-checkbox[aria-checked="true"]')), null, { timeout: UI_TIMEOUT });
      await page.locator('.bulk-edit-panel .buttons .monaco-button', { hasText: 'Apply' }).click();
      await page.locator('.bulk-edit-panel').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await waitForEditor(VERIFY_SLIM.split('\n'));
      const slimmed = await toastMatching(/^Dockerfile Slim: applied 1 unsafe fix/);
      if (!slimmed.buttons.includes('Verify by building')) throw new Error(`no "Verify by building" button: ${JSON.stringify(slimmed)}`);
      // The editor alone on screen (the preview's panel closed) for the screenshot.
      if (await page.locator('.part.panel').isVisible()) await runFromPalette('View: Hide Panel');
      await clickToastButton('Dockerfile Slim: applied', 'Verify by building');
      const verified = await toastMatching(/^Dockerfile Slim: verified by building/, 300_000);
      const want = /^Dockerfile Slim: verified by building with buildah: original [\d.]+ MB, slimmed [\d.]+ MB, 30\d\.\d kB saved, measured \(no estimate\); the slimmed container exits with 0 like the original's, with the same first line\.$/;
      if (!want.test(plain(verified.text))) throw new Error(`verify notification: "${plain(verified.text)}"`);
      // The whole message on screen: the toast's expand button (the chevron) shows it on several lines.
      const toastItem = page.locator('.notifications-toasts .notification-list-item', { hasText: 'verified by building' }).first();
      await toastItem.hover().catch(() => undefined);
      await toastItem.locator('.codicon-notifications-expand, [aria-label*="Expand"]').first().click({ timeout: 5000 }).catch(() => undefined);
      await page.mouse.move(5, 5);
      return plain(verified.text);
    });

    await step('A slimmed file that does not build: Verify says so and Undo puts the text from before Slim back', async () => {
      const missing = measureSkipReason();
      if (missing) throw new Skip(missing);
      // The user breaks the slimmed file, then verifies from the command palette.
      const at = await pointAt('CMD ["echo", "hello"]', 0);
      if (!at) throw new Error(`the CMD line is not on screen: ${JSON.stringify(await editorLines())}`);
      await page.mouse.click(at.x, at.y);
      await page.keyboard.press('Home');
      await page.keyboard.type('RUN exit 3\n');
      await waitForEditor(VERIFY_SLIM.replace('CMD', 'RUN exit 3\nCMD').split('\n'));
      await recordToasts();
      await runFromPalette('Dockerfile Slim: Verify the slimmed Dockerfile by building');
      const failed = await toastMatching(/^Dockerfile Slim: the slimmed Dockerfile does not build/, 300_000);
      if (JSON.stringify(failed.buttons) !== JSON.stringify(['Undo', 'Show build log'])) throw new Error(`buttons: ${JSON.stringify(failed)}`);
      await clickToastButton('Dockerfile Slim: the slimmed Dockerfile does not build', 'Undo');
      await waitForEditor(VERIFY_TEXT.split('\n'));
      return plain(failed.text);
    });

    await step('Size hints on the lines (a workspace with dockerfileSlim.sizeHints on from the start)', async () => {
      // A second workspace folder whose own settings turn the hints on before anything opens: the other steps
      // compare line text, which the hints would change.
      const hints = path.join(server.dirs.root, 'hints-workspace');
      fs.mkdirSync(path.join(hints, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(hints, '.vscode', 'settings.json'), JSON.stringify({ 'dockerfileSlim.sizeHints': true }, null, 2));
      fs.copyFileSync(path.join(FIXTURES, 'Dockerfile'), path.join(hints, 'Dockerfile'));
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(hints)}`);
      await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
      await openFromExplorer('Dockerfile');
      const lines = await page
        .waitForFunction(
          () => {
            const t = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' '));
            return t.filter((x) => x.includes('≈')).length >= 2 ? t.filter((x) => x.includes('≈')) : null;
          },
          null,
          { timeout: 60_000, polling: 250 },
        )
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          throw new Error(`no size hints on the lines (${e.message.split('\n')[0]}): ${JSON.stringify(await editorLines())}`);
        });
      const from = lines.find((l) => l.startsWith('FROM python:3.12-slim'));
      const apt = lines.find((l) => l.startsWith('RUN apt-get update'));
      if (!from || !/^FROM python:3\.12-slim ?≈ [\d.]+ MB( compressed)?$/.test(from)) throw new Error(`FROM line: ${JSON.stringify(lines)}`);
      if (!apt || !/ ?≈ \+[\d.]+ MB$/.test(apt)) throw new Error(`apt line: ${JSON.stringify(lines)}`);
      // The tooltip says it is an estimate and where it comes from.
      // The hint is the innermost span of the apt line whose text is the label.
      const box = await page.evaluate(() => {
        // Monaco renders spaces as no-break spaces.
        const line = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').startsWith('RUN apt-get update'));
        const spans = line ? [...line.querySelectorAll('span')].filter((s) => s.textContent.includes('≈') && ![...s.children].some((c) => c.textContent.includes('≈'))) : [];
        const r = spans[0]?.getBoundingClientRect();
        return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : { html: line ? line.innerHTML.slice(-600) : null };
      });
      if (!box || box.x === undefined) throw new Error(`no hint element on the apt line: ${JSON.stringify(box)}`);
      await page.mouse.move(box.x - 30, box.y);
      await page.mouse.move(box.x, box.y, { steps: 5 });
      const tooltip = await page
        .waitForFunction(
          () => {
            // The tooltip's text as shown (the hover widget's classes differ between VS Code versions).
            const shown = document.body.innerText.replace(/\s+/g, ' ');
            const at = shown.indexOf('Dockerfile Slim size estimate (not a measurement)');
            return at >= 0 ? shown.slice(at, at + 400) : null;
          },
          null,
          { timeout: UI_TIMEOUT },
        )
        .then((h) => h.jsonValue())
        .catch(() => null);
      if (!tooltip || !/Dockerfile Slim size estimate \(not a measurement\)/.test(tooltip)) throw new Error(`no estimate tooltip on the hint (hover: ${JSON.stringify(tooltip)})`);
      return `${lines.join(' | ')} — tooltip: ${plain(tooltip).slice(0, 120)}`;
    });

    fs.writeFileSync(path.join(ARTIFACTS, 'console-errors.txt'), consoleErrors.join('\n'));
  } catch (error) {
    await run.runnerFailed(error);
  } finally {
    await stopServer(server);
  }
  return run.finish(README_IMAGES);
}

/** Why "Measure image" cannot build here, or null: it needs root, buildah and the local busybox image. */
function measureSkipReason() {
  if (process.getuid && process.getuid() !== 0) return 'building images needs root (rootful buildah storage)';
  if (spawnSync('buildah', ['--version']).status !== 0) return 'buildah is not installed (see .ci/run)';
  if (spawnSync('podman', ['image', 'exists', 'localhost/busybox:latest']).status !== 0) return 'localhost/busybox is missing (ONLY=none bash bench/image-size/setup.sh)';
  return null;
}

runMain(main, 'UI suite');
