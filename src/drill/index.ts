export * from './phish-scale.ts';
export * from './templates.ts';
export * from './campaigns.ts';
export * from './sender.ts';
export * from './tracking.ts';
export * from './results.ts';
export * from './followup.ts';
export type { CampaignRow, RecipientRow } from './repo.ts';
export * from './preview.ts';
