/**
 * Versioned schema migrations of the workbench database, applied in name order on
 * start (Kysely's Migrator records them in kysely_migration). Never edit a released
 * migration: add the next one.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './db.js';
import { datasetDdl } from './dataset.js';

export interface SchemaMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS: Record<string, SchemaMigration> = {
  '0001-workbench': {
    async up(db, dialect) {
      const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('pw_hash', 'text', (c) => c.notNull())
        .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await db.schema
        .createTable('rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text')
        .addColumn('base_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('round_members')
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('round_members_pk', ['round_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text')
        .addColumn('title', 'text')
        .addColumn('meta_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('bases_round_version', ['round_id', 'version'])
        .execute();
      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('series_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fail_code', 'text')
        .addColumn('fail_reason', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('series_fixed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('duplicate_of', 'text')
        .addColumn('issuer', 'text')
        .addColumn('symbol', 'text')
        .addColumn('date', 'text')
        .addColumn('title', 'text')
        .addColumn('kind', 'text')
        .addColumn('level', 'text')
        .addColumn('text_fp', 'text')
        .addColumn('diff_json', 'text')
        .addColumn('segments_json', 'text')
        .addColumn('base_version', 'integer')
        .addColumn('uploaded_by', 'text')
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('analysed_at', 'text')
        .execute();
      await db.schema.createIndex('plans_round').on('plans').columns(['round_id', 'series_id', 'version']).execute();
      await db.schema.createIndex('plans_status').on('plans').column('status').execute();
      await db.schema
        .createTable('verdicts')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('series_id', 'text', (c) => c.notNull())
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('reason', 'text')
        .addColumn('note', 'text')
        .addColumn('link_path', 'text')
        .addColumn('link_text', 'text')
        .addColumn('base_fp', 'text', (c) => c.notNull())
        .addColumn('plan_fp', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('verdicts_series').on('verdicts').columns(['round_id', 'series_id', 'finding_key']).execute();
      await db.schema
        .createTable('letters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('series_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('draft_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('exported_at', 'text')
        .execute();
    },
  },
  '0002-dataset': {
    // the plan's whole document (segments, clauses, citations, deadlines, tasks, bodies) as JSON, and the
    // research dataset's tables (ds_…, src/serve/dataset.ts) filled from it
    async up(db, dialect) {
      await db.schema.alterTable('plans').addColumn('doc_json', 'text').execute();
      // the dataset's tables, ds_… (derived data: a later change of their schema drops and recreates them)
      for (const s of datasetDdl(dialect)) await sql.raw(s).execute(db);
    },
  },
  '0003-plan-given-meta': {
    // issuer, number and date typed by a reviewer for a plan whose text does not carry them (JSON); the label
    // shows them before the extracted ones; a re-analysis keeps them
    async up(db) {
      await db.schema.alterTable('plans').addColumn('given_meta', 'text').execute();
    },
  },
};
