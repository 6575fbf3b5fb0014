import { defineRule } from '../defineRule.js';
import { replaceSpan } from '../edits.js';
import { hasContinuationBeforeBlankLine, swallowedInstructions } from '../model/continuations.js';
import type { Fix } from '../types.js';

export default defineRule('empty-continuation-line', {
  check({ model, report, t }) {
    if (!hasContinuationBeforeBlankLine(model)) return;
    for (const inst of model.instructions) {
      // An ONBUILD trigger spans the same lines as its ONBUILD instruction: looked at once, there.
      if (inst.onbuild) continue;
      if (inst.run?.form === 'heredoc') continue;
      for (const s of swallowedInstructions(model, inst)) {
        // A trailing `&&`, `||`, `|` or `;` would leave the shell command unfinished: it goes too.
        const lineStart = model.lines.starts[model.lines.positionAt(s.escape).line]!;
        const head = model.text.slice(lineStart, s.trimStart);
        const op = inst.run?.form === 'shell' ? /[ \t]*(&&|\|\||\||;)$/.exec(head) : null;
        const from = op ? s.trimStart - op[0].length : s.trimStart;
        const fixes: Fix[] = [{
          title: t('fix', { keyword: inst.keyword, line: s.line + 1 }),
          safety: 'unsafe',
          edits: [replaceSpan(model, from, s.escape + 1, '')],
        }];
        const shown = s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text;
        report({
          range: model.lines.range(s.escape, s.escape + 1),
          message: t('swallowed', { shown, line: s.line + 1, keyword: inst.keyword }),
          fixes,
        });
      }
    }
  },
});
