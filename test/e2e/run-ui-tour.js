#!/usr/bin/env node
// Tour suite: what a new user meets around the findings, in the real VS Code workbench (code-server + headless
// Chromium, the packaged .vsix): the grammar (heredoc bodies read as shell or as the language their #! names,
// directive comments as directives, checked with VS Code's own "Inspect Editor Tokens and Scopes"), the size
// estimate at the end of each instruction (inlay hints), the schema
// of `.dockerfile-slim.json` (a misspelt rule id underlined, rule ids completed), the language status item,
// "Open rule documentation" (the doc shipped in the package, in the Markdown preview) and the walkthrough.
// A screenshot is saved after every step.
//
// usage: node test/e2e/run-ui-tour.js [--update-readme-images]   (after `bash test/e2e/setup.sh` and `npm run package`)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { env, requireTools } = require('./lib/env');
const { startCodeServer } = require('./lib/codeServer');
const { UI_TIMEOUT, plain, createSteps, workbench, stopServer, runMain } = require('./lib/ui');

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(env.REPO, 'dockerfile-slim.vsix'));
const FIXTURES = path.join(env.REPO, 'test', 'e2e', 'fixtures', 'tour');
const ARTIFACTS = path.join(env.ARTIFACTS, 'ui-tour');
const IMAGES = path.join(env.REPO, 'docs', 'images');
/** Steps whose screenshots `--update-readme-images` copies into docs/images (only when the step passed). */
const README_IMAGES = {
  'Heredocs and directives highlighted; estimated sizes at the end of lines': path.join(IMAGES, 'grammar.png'),
  'The language status item: findings, saving, "Slim this Dockerfile"': path.join(IMAGES, 'status-item.png'),
  '"Open rule documentation" shows the doc shipped in the package': path.join(IMAGES, 'rule-doc.png'),
};
/** Line numbers (1-based) in fixtures/tour/Dockerfile. */
const LINES = fs.readFileSync(path.join(FIXTURES, 'Dockerfile'), 'utf8').split('\n');
const lineOf = (text) => {
  const i = LINES.indexOf(text);
  if (i < 0) throw new Error(`fixtures/tour/Dockerfile has no line "${text}"`);
  return i + 1;
};

async function main() {
  requireTools(['CODE_SERVER_NODE', 'CODE_SERVER_ENTRY', 'PLAYWRIGHT_CORE', 'CHROMIUM']);
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const run = createSteps({ artifacts: ARTIFACTS, title: 'UI tour suite' });
  const { step, t0 } = run;
  let server;
  try {
    server = await startCodeServer({ name: 'tour', workspace: FIXTURES, vsix: VSIX, log: path.join(ARTIFACTS, 'code-server.log') });
    const context = await server.openBrowser({ width: 1280, height: 800 });
    const page = context.pages()[0] || (await context.newPage());
    run.setPage(page);
    const { problemRows, openFromExplorer, goTo, runFromPalette } = workbench(page, server);

    /** The scopes VS Code's "Inspect Editor Tokens and Scopes" widget lists for the token at line:column. */
    const scopesAt = async (line, column) => {
      await page.keyboard.press('Escape');
      await goTo(line, column);
      await runFromPalette('Developer: Inspect Editor Tokens and Scopes');
      const widget = page.locator('.token-inspect-widget');
      await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page.waitForFunction(() => /textmate scopes/i.test(document.querySelector('.token-inspect-widget')?.textContent || ''), null, { timeout: UI_TIMEOUT });
      return plain(await widget.textContent());
    };
    const closeInspector = async () => {
      // The inspector stays until the command runs again or Escape is pressed in the editor.
      for (let i = 0; i < 3 && (await page.locator('.token-inspect-widget').isVisible().catch(() => false)); i++) {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
      }
    };

    await step('Workbench opens the tour workspace', async () => {
      await page.goto(server.url());
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      const files = await page.locator('.explorer-folders-view .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
      for (const f of ['Dockerfile', '.dockerfile-slim.json']) {
        if (!files.includes(f)) throw new Error(`the Explorer does not list ${f}: ${files.join(', ')}`);
      }
      return `${((Date.now() - t0) / 1000).toFixed(1)} s after start`;
    });

    await step('A RUN heredoc body is read as shell', async () => {
      const mode = await openFromExplorer('Dockerfile');
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      // `apt-get` on the line inside `RUN <<EOF … EOF`.
      const scopes = await scopesAt(lineOf('apt-get update'), 1);
      for (const want of ['meta.embedded.heredoc.run.dockerfile', 'source.shell']) {
        if (!scopes.includes(want)) throw new Error(`the token's scopes lack ${want}: ${scopes}`);
      }
      return `${mode}: ${scopes.slice(scopes.search(/textmate scopes/i), scopes.search(/textmate scopes/i) + 160)}`;
    });

    await step('A COPY heredoc with #!/usr/bin/env python3 is read as Python', async () => {
      const scopes = await scopesAt(lineOf('print("hello")'), 1);
      for (const want of ['meta.embedded.heredoc.file.dockerfile', 'meta.embedded.block.python.dockerfile', 'source.python']) {
        if (!scopes.includes(want)) throw new Error(`the token's scopes lack ${want}: ${scopes}`);
      }
      return scopes.slice(scopes.search(/textmate scopes/i), scopes.search(/textmate scopes/i) + 160);
    });

    await step('Directive comments are directives: # check=… and # dockerfile-slim ignore=…', async () => {
      const check = await scopesAt(lineOf('# check=skip=JSONArgsRecommended'), 3);
      if (!check.includes('keyword.control.directive.dockerfile')) throw new Error(`"check" is not a directive keyword: ${check}`);
      const ignore = await scopesAt(lineOf('# dockerfile-slim ignore=runs-as-root'), 3);
      if (!ignore.includes('entity.name.tag.tool.dockerfile') || !ignore.includes('meta.preprocessor.ignore.dockerfile')) throw new Error(`"dockerfile-slim" is not read as the tool of an ignore comment: ${ignore}`);
      return 'check → keyword.control.directive; dockerfile-slim → entity.name.tag.tool';
    });

    await step('Heredocs and directives highlighted; estimated sizes at the end of lines', async () => {
      await closeInspector();
      await goTo(1, 1);
      // Colours differ where scopes differ: the shell line and a plain Dockerfile line use other token classes.
      const classes = await page.locator('.editor-instance .monaco-editor .view-line').evaluateAll((lines) =>
        lines.map((l) => ({ text: l.textContent.replace(/\u00a0/g, ' '), classes: [...l.querySelectorAll('span span')].map((s) => s.className).join(' ') })),
      );
      const heredocLine = classes.find((l) => l.text.startsWith('apt-get update'));
      const directive = classes.find((l) => l.text.startsWith('# check=skip'));
      if (!heredocLine || !directive) throw new Error(`lines not rendered: ${JSON.stringify(classes.map((l) => l.text))}`);
      const comment = classes.find((l) => l.text.startsWith('# syntax='));
      if (new Set(heredocLine.classes.split(' ')).size < 2) throw new Error(`the heredoc line is one colour: ${JSON.stringify(heredocLine)}`);
      // Per-instruction size estimates (dockerfileSlim.sizeHints, on by default) are inlay hints at the end of
      // the instruction: the base image's size after FROM, what the apt install adds after the heredoc's EOF.
      const from = classes.find((l) => l.text.startsWith('FROM python:3.12'));
      const eof = classes.find((l) => l.text.startsWith('EOF') && /≈/.test(l.text));
      if (!from || !/^FROM python:3\.12\s*≈ [\d.]+ [kMG]B/.test(from.text)) throw new Error(`no size estimate after FROM: ${JSON.stringify(from && from.text)}`);
      if (!eof || !/^EOF\s*≈ \+[\d.]+ [kMG]?B/.test(eof.text)) throw new Error(`no size estimate after the apt heredoc: ${JSON.stringify(classes.map((l) => l.text))}`);
      return `hints: "${from.text}", "${eof.text}"; heredoc line tokens: ${heredocLine.classes}; directive: ${directive.classes}; syntax: ${comment && comment.classes}`;
    });

    await step('.dockerfile-slim.json: a misspelt rule id is underlined by the shipped schema', async () => {
      await openFromExplorer('.dockerfile-slim.json', { dockerfile: false });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT });
      const row = await page
        .waitForFunction(
          () => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).find((t) => /apt-lists-lef\b/.test(t) && /not allowed/i.test(t)) || null,
          null,
          { timeout: UI_TIMEOUT },
        )
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          throw new Error(`${e.message.split('\n')[0]}; Problems rows: ${JSON.stringify(await problemRows())}`);
        });
      const squiggles = await page.locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error').count();
      if (squiggles < 1) throw new Error('no squiggle under the misspelt rule id');
      return plain(row);
    });

    await step('.dockerfile-slim.json: rule ids and levels are completed', async () => {
      await page.keyboard.press('Escape');
      const json = fs.readFileSync(path.join(FIXTURES, '.dockerfile-slim.json'), 'utf8').split('\n');
      const line = json.findIndex((l) => l.includes('"apt-lists-lef"')) + 1;
      // Inside the quotes of the misspelt key: ask for completions there.
      await goTo(line, json[line - 1].indexOf('apt-lists-lef') + 1 + 'apt-lists-lef'.length);
      await page.keyboard.press('Control+Space');
      const items = await page
        .waitForFunction(
          () => {
            const rows = [...document.querySelectorAll('.suggest-widget .monaco-list-row')].map((r) => r.getAttribute('aria-label') || r.textContent);
            return rows.some((r) => r.includes('apt-lists-left')) ? rows : null;
          },
          null,
          { timeout: UI_TIMEOUT },
        )
        .then((h) => h.jsonValue())
        .catch(async () => {
          const shown = await page.locator('.suggest-widget .monaco-list-row').allTextContents();
          throw new Error(`the completion list does not offer apt-lists-left: ${JSON.stringify(shown)}`);
        });
      await page.keyboard.press('Escape');
      return `${items.length} completions, e.g. ${plain(items.find((r) => r.includes('apt-lists-left'))).slice(0, 80)}`;
    });

    await step('The language status item: findings, saving, "Slim this Dockerfile"', async () => {
      await openFromExplorer('Dockerfile');
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      const item = page.locator('[id="status.languageStatus"]');
      await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await item.click();
      const text = await page
        .waitForFunction(
          () => {
            const t = [...document.querySelectorAll('.monaco-hover:not(.hidden), .context-view')].map((e) => e.textContent).join('\n');
            return /Dockerfile Slim: \d+ findings?/.test(t) && t.includes('Slim this Dockerfile') ? t : null;
          },
          null,
          { timeout: UI_TIMEOUT },
        )
        .then((h) => h.jsonValue())
        .catch(async (e) => {
          const shown = await page.locator('.monaco-hover:not(.hidden), .context-view').allTextContents();
          throw new Error(`${e.message.split('\n')[0]}; shown: ${JSON.stringify(shown)}`);
        });
      const shown = plain(text);
      if (!/to save \(estimate\)/.test(shown)) throw new Error(`the status item gives no estimated saving: ${shown}`);
      return shown.slice(shown.indexOf('Dockerfile Slim:'), shown.indexOf('Dockerfile Slim:') + 120);
    });

    await step('"Open rule documentation" shows the doc shipped in the package', async () => {
      await page.keyboard.press('Escape');
      await runFromPalette('Dockerfile Slim: Open rule documentation', { keepOpen: true });
      await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes('in this file')), null, { timeout: UI_TIMEOUT });
      await page.keyboard.type('pip-cache-kept');
      await page.waitForFunction(
        () => {
          const focused = document.querySelector('.quick-input-list .monaco-list-row.focused');
          return focused && focused.textContent.includes('pip-cache-kept');
        },
        null,
        { timeout: UI_TIMEOUT },
      );
      await page.keyboard.press('Enter');
      // The Markdown preview tab, then its content inside the webview's frames.
      await page.locator('.tabs-container .tab', { hasText: 'pip-cache-kept' }).first().waitFor({ timeout: UI_TIMEOUT });
      const doc = fs.readFileSync(path.join(env.REPO, 'docs', 'rules', 'pip-cache-kept.md'), 'utf8');
      const heading = (/^#\s+(.+)$/m.exec(doc) || [])[1];
      let body = '';
      for (let i = 0; i < 60 && !(heading && body.includes(heading.replace(/`/g, ''))); i++) {
        for (const frame of page.frames()) {
          const t = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
          if (t && t.includes(heading.replace(/`/g, ''))) body = t;
        }
        if (!body) await page.waitForTimeout(500);
      }
      if (!body) throw new Error(`the preview does not show the doc's heading "${heading}"`);
      // Room for the preview in the screenshot: the panel closed, the webview painted.
      await page.keyboard.press('Control+J');
      await page.waitForTimeout(1500);
      return `preview shows "${heading}" (${body.length} characters)`;
    });

    await step('The walkthrough opens with its three steps', async () => {
      await runFromPalette('Welcome: Open Walkthrough', { keepOpen: true });
      await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes('Get started with Dockerfile Slim')), null, { timeout: UI_TIMEOUT });
      await page.keyboard.type('Dockerfile Slim');
      await page.keyboard.press('Enter');
      const text = await page
        .waitForFunction(
          () => {
            const t = document.querySelector('.gettingStartedContainer')?.textContent || '';
            return t.includes('Get started with Dockerfile Slim') && t.includes('Apply safe fixes on save') ? t : null;
          },
          null,
          { timeout: UI_TIMEOUT },
        )
        .then((h) => h.jsonValue());
      const shown = plain(text);
      for (const want of ['Open a sample Dockerfile', 'Slim this Dockerfile', 'Apply safe fixes on save']) {
        if (!shown.includes(want)) throw new Error(`the walkthrough lacks "${want}": ${shown.slice(0, 300)}`);
      }
      return 'steps: Open a sample Dockerfile · Slim this Dockerfile · Apply safe fixes on save';
    });

    await step('The walkthrough\'s first step opens the sample, with findings', async () => {
      const button = page.getByRole('button', { name: 'Open the sample' });
      await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await button.click();
      // An untitled Dockerfile with the sample opens beside the walkthrough, and the server lints it.
      await page.waitForFunction(() => /\bUntitled-\d+ - /.test(document.title), null, { timeout: UI_TIMEOUT }).catch(async (e) => {
        throw new Error(`${e.message.split('\n')[0]}; window title: ${await page.title()}`);
      });
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      const squiggles = await page.locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error').count();
      return `${await page.title()}: ${squiggles} squiggle(s)`;
    });
  } catch (error) {
    await run.runnerFailed(error);
  } finally {
    await stopServer(server);
  }
  return run.finish(README_IMAGES);
}

runMain(main, 'UI tour suite');
