import type { Selectable } from 'kysely';
import type { Flag, IsoTime } from '../store/index.ts';

export type Role = 'admin' | 'analyst' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  lang: string;
  disabled: Flag;
  must_change_password: Flag;
  created_at: IsoTime;
  last_login_at: IsoTime | null;
}
export interface SessionsTable {
  /** sha256 of the cookie value: a stolen database cannot be replayed as a session. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: IsoTime;
  expires_at: IsoTime;
  ip: string | null;
  user_agent: string | null;
}
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: IsoTime;
  last_used_at: IsoTime | null;
  revoked_at: IsoTime | null;
}
export interface AuditLogTable {
  id: string;
  at: IsoTime;
  actor_id: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
}

declare module '../store/schema.ts' {
  interface Database {
    users: UsersTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    audit_log: AuditLogTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
