// Preloaded (`node --require`) by the metrics.yml fuzz suite into a real kitty-collect process: on exit it
// writes the process's peak RSS and CPU time as JSON to file descriptor 3, leaving stdout and stderr as the
// CLI wrote them.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  try {
    writeSync(3, JSON.stringify(report));
  } catch {
    // not started by the fuzz suite: nothing to report to
  }
});
