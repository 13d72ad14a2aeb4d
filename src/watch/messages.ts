import { registerMessages } from '../core/i18n.ts';

registerMessages({
  fr: {
    'watch.burst.title': 'Pic de diffusion : {term} (×{growth} en {minutes} min), {coordinated} % du volume par des comptes coordonnés, {young} % par des comptes de moins de 30 jours',
    'watch.ingest.summary': '{inserted} publications enregistrées ({rows} lues, {duplicates} doublons, {issues} lignes rejetées)',
    'watch.cluster.summary': 'Groupe {cluster} : {size} comptes, score {score}',
  },
  en: {
    'watch.burst.title': 'Burst: {term} (×{growth} in {minutes} min), {coordinated}% of volume from coordinated accounts, {young}% from accounts under 30 days old',
    'watch.ingest.summary': '{inserted} posts stored ({rows} read, {duplicates} duplicates, {issues} rows rejected)',
    'watch.cluster.summary': 'Cluster {cluster}: {size} accounts, score {score}',
  },
});
