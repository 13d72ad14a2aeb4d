import type { Store } from '../store/index.ts';
import { emptyDecoyLookup, type DecoyLookup } from './decoys.ts';

/** The decoys registry (src/blur) seen through the sensors' interface. */
export function registryLookup(_store: Store): DecoyLookup {
  return emptyDecoyLookup;
}
