import { Migration } from '@kaifang/sdk';

/**
 * The plugin's own bookkeeping. Dataset contents live in schema `data`, one table per dataset
 * version (`data.ds_<dataset hex>_v<n>`), created by the ingest job, never by a migration.
 */
export class CreateDatastore extends Migration {
  override async up(): Promise<void> {
    this.addSql('create schema if not exists data');
    // Which physical table holds a dataset's current rows, and how its fields map to columns.
    this.addSql(`create table datastore_table (
      dataset_id uuid primary key,
      table_name text not null,
      version integer not null,
      columns jsonb not null,
      primary_key text[] not null default '{}',
      record_count bigint not null default 0,
      formats text[] not null default '{}',
      updated_at timestamptz not null
    )`);
    // One row per upload: the job's state and progress as the HTTP API shows it.
    this.addSql(`create table datastore_ingest (
      id uuid primary key,
      dataset_id uuid not null,
      state varchar(16) not null,
      phase varchar(16) not null,
      method varchar(16) not null,
      file_key text not null,
      file_name text not null,
      format varchar(8) not null,
      encoding varchar(16),
      primary_key text[] not null default '{}',
      bytes_total bigint not null default 0,
      bytes_done bigint not null default 0,
      rows_done bigint not null default 0,
      error text,
      cancel_requested boolean not null default false,
      created_by uuid,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz
    )`);
    this.addSql(
      'create index datastore_ingest_dataset on datastore_ingest (dataset_id, created_at desc)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table datastore_ingest');
    this.addSql('drop table datastore_table');
  }
}
