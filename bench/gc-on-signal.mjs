// Preloaded into the embedded server the bench starts as its own process: SIGUSR2 = run a full GC
// (node --expose-gc) and say so on stderr, so its RSS is read after a GC as the JVM's is after jcmd GC.run.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  process.stderr.write('[bench-gc] done\n');
});
