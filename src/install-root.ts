// Where podscope is installed: the folder holding its package.json and themes/.
//
// Code runs from three layouts: src/ under vitest, dist/ from tsc, and dist/bundle/ from
// esbuild (what bin/podscope.js loads). A fixed number of '..' from import.meta.url is right
// in only some of them, so walk up to the first package.json named "podscope".
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

export function installedPackage(): PackageInfo {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'podscope') {
        cached = { root: dir, version: typeof pkg.version === 'string' ? pkg.version : '0.0.0' };
        return cached;
      }
    } catch {
      // no package.json here, or not ours: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  cached = { root: process.cwd(), version: '0.0.0' };
  return cached;
}
