import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
/** Where ../shared/data is (beside the checkout; CI has it too), or undefined when absent. */
export function sharedDataDir(): string | undefined {
  const root = resolve(import.meta.dirname, '../..');
  const candidates = [process.env.REMPART_SHARED_DATA, resolve(root, '../shared/data'), resolve(root, '../../shared/data')];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
