import type { Selectable } from 'kysely';
import type { Db, IsoTime } from '../store/index.ts';

export interface BlurKeysTable {
  id: string;
  sealed: string;
  created_at: IsoTime;
}
export interface BlurDeploymentsTable {
  id: string;
  label: string;
  seed: string;
  personas: number;
  months: number;
  lang: string;
  kit_dir: string;
  status: 'generated' | 'deployed' | 'partial';
  target: string | null;
  messages: number;
  documents: number;
  created_at: IsoTime;
  deployed_at: IsoTime | null;
}
export interface BlurPersonasTable {
  id: string;
  deployment_id: string;
  full_name: string;
  email: string;
  department: string;
  role: string;
  details: string;
}
export interface BlurArtifactsTable {
  id: string;
  deployment_id: string;
  persona_id: string;
  mailbox: string;
  kind: 'message' | 'docx' | 'xlsx' | 'pdf' | 'credentials';
  path: string;
  title: string;
  planted_at: IsoTime;
  sha256: string;
  size: number;
  signature: string | null;
  created_at: IsoTime;
}
export interface BlurMarkersTable {
  artifact_id: string;
  kind: string;
  value: string;
}
export interface BlurCredentialsTable {
  id: string;
  deployment_id: string;
  persona_id: string;
  service: string;
  login: string;
  password_mac: string;
  created_at: IsoTime;
}
export interface BlurUploadsTable {
  deployment_id: string;
  target: string;
  message_id: string;
  uploaded_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    blur_keys: BlurKeysTable;
    blur_deployments: BlurDeploymentsTable;
    blur_personas: BlurPersonasTable;
    blur_artifacts: BlurArtifactsTable;
    blur_markers: BlurMarkersTable;
    blur_credentials: BlurCredentialsTable;
    blur_uploads: BlurUploadsTable;
  }
}

export type DeploymentRow = Selectable<BlurDeploymentsTable>;
export type ArtifactRow = Selectable<BlurArtifactsTable>;

export async function getSealedKey(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('blur_keys').select('sealed').where('id', '=', 'registry').executeTakeFirst())?.sealed;
}

export async function insertSealedKey(db: Db, sealed: string, now: IsoTime): Promise<void> {
  await db.insertInto('blur_keys').values({ id: 'registry', sealed, created_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function listDeployments(db: Db, limit = 200): Promise<DeploymentRow[]> {
  return db.selectFrom('blur_deployments').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export async function getDeployment(db: Db, id: string): Promise<DeploymentRow | undefined> {
  return db.selectFrom('blur_deployments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Artifacts holding any of the (kind, value) pairs, with the matched pairs. */
export async function findByMarkers(db: Db, values: Array<{ kind: string; value: string }>): Promise<Array<{ artifact_id: string; kind: string; value: string }>> {
  const out: Array<{ artifact_id: string; kind: string; value: string }> = [];
  const byKind = new Map<string, string[]>();
  for (const v of values) byKind.set(v.kind, [...(byKind.get(v.kind) ?? []), v.value]);
  for (const [kind, vals] of byKind)
    for (let i = 0; i < vals.length; i += 500)
      out.push(...(await db.selectFrom('blur_markers').select(['artifact_id', 'kind', 'value']).where('kind', '=', kind).where('value', 'in', vals.slice(i, i + 500)).execute()));
  return out;
}

export async function getArtifacts(db: Db, ids: string[]): Promise<ArtifactRow[]> {
  if (!ids.length) return [];
  const out: ArtifactRow[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await db.selectFrom('blur_artifacts').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
  return out;
}

export async function countArtifacts(db: Db): Promise<number> {
  const r = await db.selectFrom('blur_artifacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The decoy staff of a deployment (bounded: a kit has at most a few hundred personas). */
export async function listPersonas(db: Db, deploymentId: string, limit = 1000) {
  return db.selectFrom('blur_personas').select(['id', 'full_name', 'email', 'department', 'role']).where('deployment_id', '=', deploymentId).orderBy('full_name').limit(limit).execute();
}

/** Decoy counts of a deployment per persona and kind. */
export async function artifactCounts(db: Db, deploymentId: string): Promise<Array<{ personaId: string; kind: ArtifactRow['kind']; n: number }>> {
  const rows = await db
    .selectFrom('blur_artifacts')
    .select((eb) => ['persona_id', 'kind', eb.fn.countAll<number>().as('n')])
    .where('deployment_id', '=', deploymentId)
    .groupBy(['persona_id', 'kind'])
    .execute();
  return rows.map((r) => ({ personaId: r.persona_id, kind: r.kind, n: Number(r.n) }));
}

/** Planted documents and notes (not messages) of a deployment, newest first. */
export async function listDocuments(db: Db, deploymentId: string, limit = 500) {
  return db
    .selectFrom('blur_artifacts')
    .select(['id', 'persona_id', 'mailbox', 'kind', 'title', 'planted_at', 'size'])
    .where('deployment_id', '=', deploymentId)
    .where('kind', '!=', 'message')
    .orderBy('planted_at', 'desc')
    .limit(limit)
    .execute();
}

/** Honey credentials of a deployment: service and login only (the password is only in the kit). */
export async function listCredentials(db: Db, deploymentId: string, limit = 500) {
  return db.selectFrom('blur_credentials').select(['id', 'persona_id', 'service', 'login', 'created_at']).where('deployment_id', '=', deploymentId).orderBy('login').limit(limit).execute();
}
