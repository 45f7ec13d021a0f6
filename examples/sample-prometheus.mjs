// A real Prometheus (Debian's `prometheus` package) on 127.0.0.1 holding the sample data of the demo and the
// tests (2026-01-04, projects 8f9d4c8a… and 2c1b0a9f…), for the README's examples. From the repository root:
//   node examples/sample-prometheus.mjs           # port 9090; PORT=9191 for another
// Ctrl-C stops it and removes its data (a temporary directory).
import { startPrometheus } from '@kitty-collect/test-stack';

const port = Number(process.env.PORT ?? 9090);
const prometheus = await startPrometheus({ port });
console.log(`Prometheus with the sample data: ${prometheus.apiUrl} (Ctrl-C stops it)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await prometheus.stop();
    process.exit(0);
  });
}
setInterval(() => {}, 2 ** 30);
