import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { ConflictError, NotFoundError, RateLimitedError, RempartError, ValidationError } from '../core/errors.ts';
import { newId, secretToken } from '../core/ids.ts';
import { nowIso, type Db, type Store } from '../store/index.ts';
import { audit, systemActor, type Actor } from './audit.ts';
import { ROLES, type Role, type UserRow } from './repo.ts';

/** OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, slow enough for offline guessing. */
// algorithm 2 is Argon2id (a const enum in the typings, unusable under isolatedModules).
const ARGON = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Failed logins for one username allowed per window before logins are refused for it. */
export const LOGIN_MAX_FAILURES = 8;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  lang: 'fr' | 'en';
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function publicUser(r: UserRow): PublicUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    lang: r.lang === 'en' ? 'en' : 'fr',
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

/** A one-time password: 20 characters from an unambiguous alphabet, easy to read aloud. */
export function generatePassword(): string {
  return secretToken(18).replace(/[-_]/g, 'x').slice(0, 20);
}

function checkUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._@-]{1,63}$/.test(u))
    throw ValidationError('user.bad_username', 'A username is 2 to 64 characters: letters, digits, dot, dash, underscore or @');
  return u;
}

export function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) throw ValidationError('user.bad_role', `Role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

export function checkPasswordStrength(password: string): void {
  if (password.length < 12) throw ValidationError('user.weak_password', 'A password needs at least 12 characters');
  if (password.length > 256) throw ValidationError('user.weak_password', 'A password has at most 256 characters');
}

/** Creates a user with a one-time password, returned once and never stored in clear. */
export async function createUser(
  store: Store,
  actor: Actor,
  input: { username: string; displayName?: string; role: string; lang?: 'fr' | 'en'; password?: string },
): Promise<{ user: PublicUser; password: string }> {
  const username = checkUsername(input.username);
  const role = checkRole(input.role);
  const password = input.password ?? generatePassword();
  if (input.password) checkPasswordStrength(password);
  const row: UserRow = {
    id: newId(),
    username,
    display_name: (input.displayName ?? username).trim().slice(0, 120) || username,
    role,
    password_hash: await hashPassword(password),
    lang: input.lang ?? 'fr',
    disabled: 0,
    must_change_password: input.password ? 0 : 1,
    created_at: nowIso(),
    last_login_at: null,
  };
  await store.transaction(async (trx) => {
    const exists = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw ConflictError('user.exists', `User ${username} already exists`);
    await trx.insertInto('users').values(row).execute();
    await audit(trx, actor, 'user.create', username, { role });
  });
  return { user: publicUser(row), password };
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(publicUser);
}

export async function findUser(db: Db, idOrUsername: string): Promise<UserRow> {
  const r = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrUsername), eb('username', '=', idOrUsername.toLowerCase())]))
    .executeTakeFirst();
  if (!r) throw NotFoundError('user.not_found', `No user ${idOrUsername}`);
  return r;
}

export async function setUserDisabled(store: Store, actor: Actor, idOrUsername: string, disabled: boolean): Promise<PublicUser> {
  return store.transaction(async (trx) => {
    const u = await findUser(trx, idOrUsername);
    if (disabled && u.role === 'admin') {
      const admins = await trx
        .selectFrom('users')
        .select(sql<number>`count(*)`.as('n'))
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw ConflictError('user.last_admin', 'The last active admin cannot be disabled');
    }
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', u.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
    await audit(trx, actor, disabled ? 'user.disable' : 'user.enable', u.username);
    return publicUser({ ...u, disabled: disabled ? 1 : 0 });
  });
}

/** Replaces the password with a new one-time password and closes the user's sessions. */
export async function resetPassword(store: Store, actor: Actor, idOrUsername: string): Promise<{ user: PublicUser; password: string }> {
  const password = generatePassword();
  const password_hash = await hashPassword(password);
  const user = await store.transaction(async (trx) => {
    const u = await findUser(trx, idOrUsername);
    await trx.updateTable('users').set({ password_hash, must_change_password: 1 }).where('id', '=', u.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
    await audit(trx, actor, 'user.reset_password', u.username);
    return publicUser({ ...u, must_change_password: 1 });
  });
  return { user, password };
}

export async function changeOwnPassword(store: Store, actor: Actor, userId: string, current: string, next: string): Promise<void> {
  checkPasswordStrength(next);
  const u = await findUser(store.db, userId);
  if (!(await verify(u.password_hash, current))) throw new RempartError('auth.bad_credentials', 'The current password is wrong', 401);
  const password_hash = await hashPassword(next);
  await store.transaction(async (trx) => {
    await trx.updateTable('users').set({ password_hash, must_change_password: 0 }).where('id', '=', u.id).execute();
    await audit(trx, actor, 'user.change_password', u.username);
  });
}

// A real hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a login. Failures are recorded in the audit log, and the count of recent failures for the
 * username (kept in the database, so every server process sees it) throttles guessing.
 */
export async function verifyLogin(store: Store, username: string, password: string, ip: string | null): Promise<PublicUser> {
  const name = username.trim().toLowerCase().slice(0, 64);
  const since = new Date(Date.now() - LOGIN_WINDOW_MS).toISOString();
  const failures = await store.db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)`.as('n'))
    .where('action', '=', 'auth.login_failed')
    .where('target', '=', name)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(failures.n) >= LOGIN_MAX_FAILURES) {
    throw RateLimitedError('Too many failed logins for this account; wait 15 minutes');
  }
  const u = await store.db.selectFrom('users').selectAll().where('username', '=', name).executeTakeFirst();
  const ok = u ? await verify(u.password_hash, password).catch(() => false) : await verify(await (dummyHash ??= hashPassword('x'.repeat(16))), password).then(() => false);
  if (!u || !ok || u.disabled === 1) {
    await audit(store.db, { id: null, label: name || '(empty)', ip }, 'auth.login_failed', name, { reason: !u ? 'unknown' : u.disabled ? 'disabled' : 'password' });
    throw new RempartError('auth.bad_credentials', 'Wrong username or password', 401);
  }
  const at = nowIso();
  await store.db.updateTable('users').set({ last_login_at: at }).where('id', '=', u.id).execute();
  return publicUser({ ...u, last_login_at: at });
}

/**
 * On first start with no user at all, creates `admin` with a one-time password that the caller
 * prints once. Returns undefined when users already exist.
 */
export async function ensureFirstAdmin(store: Store): Promise<{ username: string; password: string } | undefined> {
  const any = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  try {
    const { user, password } = await createUser(store, systemActor, { username: 'admin', displayName: 'Administrateur', role: 'admin' });
    return { username: user.username, password };
  } catch (e) {
    // Another process created it first.
    if (e instanceof RempartError && e.id === 'user.exists') return undefined;
    throw e;
  }
}
