// Child process of the crash tests: commits hourly periods of one scope, printing "committed <n>" after
// each, then either SIGKILLs itself right after the last commit (no close, no exit handlers) or, with
// count 0, keeps committing until the parent kills it.
import { writeSync } from 'node:fs';
import { openSqliteStorage } from '../sqlite/open-sqlite-storage.js';
import { hourFrame, hoursAfter } from './frames.js';

const [path, scopeId, countText, startText] = process.argv.slice(2);
if (path === undefined || scopeId === undefined || countText === undefined || startText === undefined) {
  throw new Error('usage: commit-then-kill.ts PATH SCOPE COUNT START_ISO');
}
const count = Number(countText);
const start = new Date(startText);
const storage = openSqliteStorage(path);
for (let index = 0; count === 0 || index < count; index += 1) {
  const frame = hourFrame(scopeId, hoursAfter(start, index), [
    { type: 'cpu', qty: `${index}.000000001`, groupby: { id: `vm-${index}` } },
    { type: 'volume.size', qty: '0.5', unit: 'GiB', metadata: { volume_type: 'ssd' } },
  ]);
  storage.commitPeriod(scopeId, frame);
  // Synchronous: what the parent reads was committed, whenever the kill comes.
  writeSync(1, `committed ${index + 1}\n`);
}
process.kill(process.pid, 'SIGKILL');
