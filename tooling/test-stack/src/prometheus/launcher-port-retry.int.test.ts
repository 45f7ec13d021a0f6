import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { type OccupiedPort, occupyPort } from '../testing/occupy-port.js';

// The first "free" port handed out is one we hold, as if another process had grabbed it in between.
const taken = vi.hoisted(() => ({ port: 0, calls: 0 }));
vi.mock('../ports.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../ports.js')>();
  return {
    findFreePort: async () => (++taken.calls === 1 ? taken.port : original.findFreePort()),
  };
});

const { startPrometheus } = await import('./launcher.js');

let blocker: OccupiedPort;
beforeAll(async () => {
  blocker = await occupyPort();
  taken.port = blocker.port;
});
afterAll(() => blocker.release());

test('when the chosen free port is taken before Prometheus binds it, another one is tried', async () => {
  const prometheus = await startPrometheus({ dataset: '# TYPE g gauge\ng 1 1767484800\n# EOF\n' });
  try {
    expect(taken.calls).toBe(2);
    expect(prometheus.port).not.toBe(taken.port);
    expect((await fetch(`${prometheus.baseUrl}/-/ready`)).status).toBe(200);
  } finally {
    await prometheus.stop();
  }
});
