import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The package root (the folder holding Rempart's package.json), found by walking up from this
 * module. The same code runs from `src/` (tests, tsx) and bundled into `dist/` (the shipped CLI),
 * so files shipped beside the code (content/, the mail model, the built dashboard) are located
 * from the root, never from a module's own folder.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rempart') return dir;
      } catch {
        // a broken package.json further down is not ours: keep walking up
      }
    }
    if (dirname(dir) === dir) return resolve(start, '../..');
  }
}

export const PACKAGE_ROOT: string = findRoot(import.meta.dirname);

/** A path inside the package, e.g. `packagePath('content', 'train')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
