import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debounceFrom } from '../../server/src/lsp/diagnostics.js';
import { LINT_DEBOUNCE_MS } from '../../server/src/lsp/protocol.js';

describe('lint debounce from initializationOptions', () => {
  it('takes a whole number of milliseconds from 0 to 1000', () => {
    assert.equal(debounceFrom({ lintDebounceMs: 0 }), 0);
    assert.equal(debounceFrom({ lintDebounceMs: 250 }), 250);
    assert.equal(debounceFrom({ lintDebounceMs: 1000 }), 1000);
  });

  it('keeps the default for anything else', () => {
    assert.equal(LINT_DEBOUNCE_MS, 100);
    for (const options of [undefined, null, 'fast', {}, { lintDebounceMs: -1 }, { lintDebounceMs: 1001 }, { lintDebounceMs: 2.5 }, { lintDebounceMs: '0' }, { lintDebounceMs: Number.NaN }]) {
      assert.equal(debounceFrom(options), 100, JSON.stringify(options));
    }
  });
});
