import type { Kysely } from 'kysely';
import { bytesColumnType } from '../dialect.js';

// Member profiles: profile fields, countries and languages (rows, so the
// directory can filter on them), old slugs, logos as blobs, services, and
// self-description sources.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytesColumnType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_profiles')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('region', 'text')
    .addColumn('founded_year', 'integer')
    .addColumn('website', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('security_contact', 'text')
    .addColumn('openpgp_key', 'text')
    .addColumn('openpgp_fingerprint', 'text')
    .addColumn('openpgp_algorithm', 'text')
    .addColumn('openpgp_expires_at', 'text')
    .addColumn('donation_url', 'text')
    .addColumn('logo_blob_id', 'text', (c) => c.references('blobs.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('org_profile_countries')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_profile_countries_pk', ['org_id', 'country'])
    .execute();
  await db.schema.createIndex('org_profile_countries_country').on('org_profile_countries').columns(['country', 'org_id']).execute();

  await db.schema
    .createTable('org_profile_languages')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_profile_languages_pk', ['org_id', 'lang'])
    .execute();
  await db.schema.createIndex('org_profile_languages_lang').on('org_profile_languages').columns(['lang', 'org_id']).execute();

  await db.schema
    .createTable('org_slug_history')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('software', 'text')
    .addColumn('software_version', 'text')
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('server_countries', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_services_org').on('org_services').columns(['org_id', 'kind']).execute();
  await db.schema.createIndex('org_services_kind').on('org_services').columns(['kind', 'org_id']).execute();

  await db.schema
    .createTable('selfdesc_sources')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_fetch_at', 'text')
    .addColumn('last_ok_at', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_error_detail', 'text')
    .addColumn('pending', 'text')
    .addColumn('pending_hash', 'text')
    .addColumn('pending_at', 'text')
    .addColumn('rejected_hash', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
