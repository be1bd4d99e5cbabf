// Preloaded into a spawned journey (NODE_OPTIONS=--require): appends the path of every native
// addon the process loads to $JOURNEY_DLOPEN_LOG, so a test can see whether DuckDB was loaded.
const { appendFileSync } = require('node:fs');

const log = process.env.JOURNEY_DLOPEN_LOG;
if (log) {
  const dlopen = process.dlopen;
  process.dlopen = function (module, filename, ...rest) {
    appendFileSync(log, `${filename}\n`);
    return dlopen.call(this, module, filename, ...rest);
  };
}
