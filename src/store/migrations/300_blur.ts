import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blur_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // the registry key, sealed with the platform SecretBox
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('blur_deployments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('personas', 'integer', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('kit_dir', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deployed_at', 'text')
    .execute();
  await db.schema
    .createTable('blur_personas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('blur_deployments.id').onDelete('cascade'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blur_personas_email').on('blur_personas').column('email').execute();
  await db.schema
    .createTable('blur_artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('blur_deployments.id').onDelete('cascade'))
    .addColumn('persona_id', 'text', (c) => c.notNull())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('planted_at', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('signature', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blur_artifacts_deployment').on('blur_artifacts').columns(['deployment_id', 'kind']).execute();
  await db.schema.createIndex('blur_artifacts_sha').on('blur_artifacts').column('sha256').execute();
  await db.schema
    .createTable('blur_markers')
    .addColumn('artifact_id', 'text', (c) => c.notNull().references('blur_artifacts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blur_markers_pk', ['artifact_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('blur_markers_lookup').on('blur_markers').columns(['kind', 'value']).execute();
  await db.schema
    .createTable('blur_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('blur_deployments.id').onDelete('cascade'))
    .addColumn('persona_id', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    // HMAC-SHA256 under the registry key (see credentials.ts for why not argon2id)
    .addColumn('password_mac', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blur_credentials_mac').on('blur_credentials').column('password_mac').execute();
  await db.schema.createIndex('blur_credentials_login').on('blur_credentials').column('login').execute();
  await db.schema
    .createTable('blur_uploads')
    .addColumn('deployment_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blur_uploads_pk', ['deployment_id', 'target', 'message_id'])
    .execute();
}
