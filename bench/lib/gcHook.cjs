// Preloaded into the language server by the memory benchmark (node --expose-gc --require …): SIGUSR2 runs a
// full garbage collection, so that RSS read afterwards reflects what the server still holds.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
});
