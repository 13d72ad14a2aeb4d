import type { Migration } from 'kysely';
import * as core from './000_core.ts';
import * as org from './010_org.ts';
import * as blur from './300_blur.ts';
import * as sensors from './400_sensors.ts';

/**
 * Every migration, by name. Names sort in application order: `000_` core, `010_` org, then one
 * hundred per capability (`100_` mail, `200_` domains, `300_` blur, `400_` sensors and leaks,
 * `500_` drill, `600_` train, `700_` watch, `800_` intel). Adding one is a file and a line here.
 */
export const migrations: Record<string, Migration> = {
  '000_core': core,
  '010_org': org,
  '300_blur': blur,
  '400_sensors': sensors,
};
