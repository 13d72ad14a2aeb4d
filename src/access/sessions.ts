import { newId, secretToken, sha256Hex } from '../core/ids.ts';
import { nowIso, type Db, type Store } from '../store/index.ts';
import { audit, type Actor } from './audit.ts';
import { ROLES, type Role, type UserRow } from './repo.ts';
import { publicUser, type PublicUser } from './users.ts';

export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

/** Opens a session; the cookie value is returned once, only its hash is stored. */
export async function createSession(
  store: Store,
  user: PublicUser,
  ttlHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ cookie: string; session: SessionInfo }> {
  const cookie = secretToken(32);
  const csrfToken = secretToken(24);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000).toISOString();
  await store.transaction(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256Hex(cookie),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await audit(trx, { id: user.id, label: user.username, ip: meta.ip }, 'auth.login', user.username);
  });
  return { cookie, session: { user, csrfToken, expiresAt } };
}

/**
 * Resolves a session cookie. Expired sessions and disabled users resolve to undefined; an active
 * session slides its expiry forward when more than half of its life is used.
 */
export async function resolveSession(db: Db, cookie: string, ttlHours: number, now = new Date()): Promise<SessionInfo | undefined> {
  if (!cookie || cookie.length > 200) return undefined;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.id_hash'])
    .where('sessions.id_hash', '=', sha256Hex(cookie))
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.expires_at <= now.toISOString() || row.disabled === 1) {
    await db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    return undefined;
  }
  let expiresAt = row.expires_at;
  const remaining = new Date(row.expires_at).getTime() - now.getTime();
  if (remaining < (ttlHours * 3600_000) / 2) {
    expiresAt = new Date(now.getTime() + ttlHours * 3600_000).toISOString();
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', row.id_hash).execute();
  }
  return { user: publicUser(row as UserRow), csrfToken: row.csrf_token, expiresAt };
}

export async function deleteSession(store: Store, cookie: string, actor: Actor): Promise<void> {
  await store.transaction(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', sha256Hex(cookie)).execute();
    await audit(trx, actor, 'auth.logout', actor.label);
  });
}

/** Removes expired sessions; run by the server's housekeeping. */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

const TOKEN_PREFIX = 'rmp_';

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates an API token for automation; the token is shown once, stored as a sha256 hash. */
export async function createApiToken(store: Store, actor: Actor, userId: string, name: string): Promise<{ token: string; info: TokenInfo }> {
  const token = TOKEN_PREFIX + secretToken(32);
  const info: TokenInfo = { id: newId(), name: name.trim().slice(0, 100) || 'token', prefix: token.slice(0, 10), createdAt: nowIso(), lastUsedAt: null, revokedAt: null };
  await store.transaction(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({ id: info.id, user_id: userId, name: info.name, token_hash: sha256Hex(token), prefix: info.prefix, created_at: info.createdAt, last_used_at: null, revoked_at: null })
      .execute();
    await audit(trx, actor, 'token.create', info.name, { prefix: info.prefix });
  });
  return { token, info };
}

export async function listApiTokens(db: Db, userId: string): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeApiToken(store: Store, actor: Actor, userId: string, id: string): Promise<boolean> {
  return store.transaction(async (trx) => {
    const r = await trx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    const done = Number(r.numUpdatedRows) > 0;
    if (done) await audit(trx, actor, 'token.revoke', id);
    return done;
  });
}

export async function resolveApiToken(db: Db, token: string): Promise<PublicUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at as token_last_used'])
    .where('api_tokens.token_hash', '=', sha256Hex(token))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled === 1) return undefined;
  // Touch last_used at most once a minute to keep reads cheap.
  const now = nowIso();
  if (!row.token_last_used || Date.parse(now) - Date.parse(row.token_last_used) > 60_000)
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  return publicUser(row as UserRow);
}

/** Whether `role` may do what `needed` may do: admin ⊃ analyst ⊃ viewer. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(needed);
}
