import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from './paths.ts';
/** Where ../shared/data is (beside the checkout; CI has it too), or undefined when absent. */
export function sharedDataDir(): string | undefined {
  const root = PACKAGE_ROOT;
  const candidates = [process.env.REMPART_SHARED_DATA, resolve(root, '../shared/data'), resolve(root, '../../shared/data')];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
