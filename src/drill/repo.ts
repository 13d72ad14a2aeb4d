import type { Selectable } from 'kysely';
import type { Flag, IsoTime } from '../store/index.ts';

export interface DrillTemplatesTable {
  id: string;
  lang: string;
  kind: string;
  data: string;
  created_by: string;
  created_at: IsoTime;
}
export interface DrillExemptionsTable {
  email: string;
  reason: string | null;
  created_at: IsoTime;
}
export interface DrillConsentsTable {
  email: string;
  created_at: IsoTime;
}
export type CampaignStatus = 'scheduled' | 'running' | 'completed' | 'cancelled';
export interface DrillCampaignsTable {
  id: string;
  name: string;
  template_id: string;
  lang: string;
  group_name: string | null;
  status: CampaignStatus;
  /** Anonymous campaigns keep aggregates only: addresses are erased once the mail is sent. */
  anonymous: Flag;
  sender_domain: string;
  impersonated_email: string | null;
  window_start: IsoTime;
  window_end: IsoTime;
  /** Working hours "HH:MM-HH:MM" in `tz`, weekdays only. */
  hours: string;
  tz: string;
  rate_per_minute: number;
  created_by: string;
  created_at: IsoTime;
}
/** Funnel stages; a recipient's stage only moves forward. */
export const STAGES = ['queued', 'sent', 'opened', 'clicked', 'submitted'] as const;
export type Stage = (typeof STAGES)[number];
export interface DrillRecipientsTable {
  id: string;
  campaign_id: string;
  /** sha256 of the tracking token; the token itself is an HMAC of the id and never stored. */
  token_hash: string;
  email: string | null;
  full_name: string | null;
  department: string | null;
  lang: string;
  stage: number;
  scheduled_at: IsoTime;
  locked_until: IsoTime | null;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  sent_at: IsoTime | null;
  opened_at: IsoTime | null;
  clicked_at: IsoTime | null;
  submitted_at: IsoTime | null;
  reported_at: IsoTime | null;
  attachment_opened_at: IsoTime | null;
  scanner_clicks: number;
}
export interface DrillEventsTable {
  id: string;
  campaign_id: string;
  recipient_id: string;
  kind: string;
  at: IsoTime;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

declare module '../store/schema.ts' {
  interface Database {
    drill_templates: DrillTemplatesTable;
    drill_exemptions: DrillExemptionsTable;
    drill_consents: DrillConsentsTable;
    drill_campaigns: DrillCampaignsTable;
    drill_recipients: DrillRecipientsTable;
    drill_events: DrillEventsTable;
  }
}

export type CampaignRow = Selectable<DrillCampaignsTable>;
export type RecipientRow = Selectable<DrillRecipientsTable>;
