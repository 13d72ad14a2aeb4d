import type { Logger } from '../core/logger.ts';
import type { Lang } from '../core/i18n.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';
import { loadSensorsOptions, scannerMatcher, type SensorsOptions } from './config.ts';
import type { DecoyLookup } from './decoys.ts';
import { registryLookup } from './lookup.ts';
import { SensorRecorder } from './recorder.ts';

/** Everything a sensor needs: where decoys are looked up, the batch writer and the scanner test. */
export interface Sensors {
  lookup: DecoyLookup;
  recorder: SensorRecorder;
  options: SensorsOptions;
  isScanner(ip: string, userAgent: string | undefined): boolean;
}

/** Builds the sensors over a store; `lookup` defaults to the decoys registry. */
export function createSensors(store: Store, box: SecretBox, opts: { lookup?: DecoyLookup; options?: Partial<SensorsOptions>; logger?: Logger; lang?: Lang } = {}): Sensors {
  const options = loadSensorsOptions(opts.options);
  const lookup = opts.lookup ?? registryLookup(store, box);
  return {
    lookup,
    options,
    recorder: new SensorRecorder(store, lookup, options, opts.logger, opts.lang),
    isScanner: scannerMatcher(options),
  };
}
