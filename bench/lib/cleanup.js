'use strict';
// Runs registered clean-up steps once, in reverse order, on success, failure, or Ctrl-C.

function createCleanup() {
  const steps = [];
  let running;
  const runAll = () => {
    running ??= (async () => {
      for (const { label, fn } of steps.reverse()) {
        try {
          await fn();
        } catch (error) {
          process.stderr.write(`bench clean-up: ${label} failed: ${error.message}\n`);
        }
      }
    })();
    return running;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: cleaning up\n`);
      runAll().finally(() => process.exit(130));
    });
  }
  return {
    /** Adds a step; steps run last-added first. */
    add(label, fn) {
      steps.push({ label, fn });
    },
    run: runAll,
  };
}

module.exports = { createCleanup };
