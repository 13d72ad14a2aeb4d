import type { Migration } from 'kysely';
import * as core from './000_core.ts';
import * as org from './010_org.ts';
import * as mail from './100_mail.ts';
import * as mailAttachments from './101_mail_attachments.ts';
import * as domains from './200_domains.ts';
import * as domainsDns from './201_domains_dns.ts';
import * as domainsBrands from './202_domains_brands.ts';
import * as drill from './500_drill.ts';
import * as train from './600_train.ts';
import * as watch from './700_watch.ts';
import * as watchConnectors from './760_watch_connectors.ts';
import * as blur from './300_blur.ts';
import * as intel from './800_intel.ts';
import * as intelTaxii from './850_intel_taxii.ts';
import * as intelMisp from './870_intel_misp.ts';
import * as sensors from './400_sensors.ts';

/**
 * Every migration, by name. Names sort in application order: `000_` core, `010_` org, then one
 * hundred per capability (`100_` mail, `200_` domains, `300_` blur, `400_` sensors and leaks,
 * `500_` drill, `600_` train, `700_` watch, `800_` intel). Adding one is a file and a line here.
 */
export const migrations: Record<string, Migration> = {
  '000_core': core,
  '010_org': org,
  '100_mail': mail,
  '101_mail_attachments': mailAttachments,
  '200_domains': domains,
  '201_domains_dns': domainsDns,
  '202_domains_brands': domainsBrands,
  '500_drill': drill,
  '600_train': train,
  '700_watch': watch,
  '760_watch_connectors': watchConnectors,
  '300_blur': blur,
  '800_intel': intel,
  '850_intel_taxii': intelTaxii,
  '870_intel_misp': intelMisp,
  '400_sensors': sensors,
};
