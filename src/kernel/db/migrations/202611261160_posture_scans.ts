import { sql, type Kysely } from 'kysely';

// Posture scanning: declared domains and what scans found under them, scans,
// per-check results with evidence, the scan interval per organisation and the
// notices told to org-admins. The baseline and scorecards live in other tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('posture_assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('posture_assets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('address', 'text')
    .addColumn('challenge_token', 'text')
    .addColumn('verified_method', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verify_checked_at', 'text')
    .addColumn('verify_lost_at', 'text')
    .addColumn('verify_error', 'text')
    .addColumn('dkim_selectors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .execute();
  await db.schema.createIndex('posture_assets_org').on('posture_assets').columns(['org_id', 'kind', 'name']).execute();
  await db.schema.createIndex('posture_assets_parent').on('posture_assets').column('parent_id').execute();
  // A domain is declared once per organisation (several organisations may each prove theirs).
  await db.schema
    .createIndex('posture_assets_domain_unique')
    .on('posture_assets')
    .columns(['org_id', 'name'])
    .unique()
    .where(sql.ref('kind'), '=', 'domain')
    .execute();

  await db.schema
    .createTable('posture_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('posture_assets.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('pass_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warn_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fail_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('info_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('score_permille', 'integer')
    .addColumn('connections', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('posture_scans_org').on('posture_scans').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('posture_scans_asset').on('posture_scans').columns(['asset_id', 'status', 'finished_at']).execute();

  await db.schema
    .createTable('posture_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('posture_scans.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posture_results_scan').on('posture_results').columns(['scan_id', 'check_id']).execute();

  await db.schema
    .createTable('posture_scan_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('interval_days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('posture_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.references('posture_assets.id').onDelete('cascade'))
    .addColumn('scan_id', 'text', (c) => c.references('posture_scans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text')
    .addColumn('dismissed_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('posture_notices_org').on('posture_notices').columns(['org_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
