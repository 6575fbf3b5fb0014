import { defineRule } from '../defineRule.js';
import { replaceSpan } from '../edits.js';
import { copiesOf } from '../model/copies.js';
import { stageNamesPath } from '../model/stagePaths.js';
import { stageLibc } from '../model/stageFacts.js';
import { joinPath, workdirAt } from '../model/timeline.js';

const SHELL_SYNTAX = /^(?:\|\||&&|\||;|&|\d*[<>]{1,2}&?.*|[<>]{1,2}.*|true|:)$/;

export default defineRule('copy-from-relative-path', {
  check({ model, report, t }) {
    for (const copy of copiesOf(model, model.stages)) {
      const source = copy.fromStage;
      if (!source || copy.heredoc || stageLibc(source) === 'windows') continue;
      const { dir, fromInstructions } = workdirAt(source);
      if (dir === '/') continue;
      const stageName = source.name ?? String(source.index);
      for (const word of copy.sources) {
        const v = word.value;
        if (v === null || v === '' || v.startsWith('/') || v.includes('$') || v.includes('\\') || /^[A-Za-z]:/.test(v)) continue;
        // Shell syntax written into a COPY (`2>/dev/null`, `||`, `&&`, `;`) is not a path, whatever it was meant as.
        if (SHELL_SYNTAX.test(v)) continue;
        const asRead = joinPath('/', v);
        // The source stage wrote the root-relative path (`dotnet publish -o /publish`, then `COPY --from=build
        // publish .`): the copy reads what was meant.
        if (stageNamesPath(model, source, asRead)) continue;
        if (dir === null) {
          report({
            range: model.lines.range(word.start, word.end),
            message: t('unknown', { path: v, asRead, stage: stageName }),
          });
          continue;
        }
        const slash = /\/$|^\.$/.test(v) ? '/' : '';
        const absolute = joinPath(dir, v) + (joinPath(dir, v) === '/' ? '' : slash);
                // A WORKDIR with blanks or quotes (`WORKDIR my app` is one directory) cannot go into a shell-form COPY
        // as one word: say where the file is, but leave the quoting to the author.
        const writable = copy.json || !/[\s"'`]/.test(absolute);
        report({
          range: model.lines.range(word.start, word.end),
          message: t(fromInstructions ? 'ownWorkdir' : 'imageWorkdir', { path: v, asRead, stage: stageName, dir }),
          fixes: !writable ? [] : [
            {
              title: t('fix', { absolute, stage: stageName }),
              safety: 'unsafe',
              edits: [replaceSpan(model, word.start, word.end, copy.json ? JSON.stringify(absolute) : absolute)],
            },
          ],
        });
      }
    }
  },
});
