import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh directory under os.tmpdir() with the given files (relative path → content). */
export function tempTree(files: Record<string, string>): {
  root: string;
  path: (relative: string) => string;
  remove: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'kitty-loading-'));
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return {
    root,
    path: (relative) => join(root, relative),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
