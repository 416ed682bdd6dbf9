import { Migration } from '@kaifang/sdk';

export class CreateCatalog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table catalog_organisation (
      id uuid primary key,
      code varchar(64) not null unique,
      name varchar(100) not null,
      short_name varchar(50),
      description text not null default '',
      contact jsonb not null default '{}',
      sort_order integer not null default 1000,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql(`create table catalog_dataset (
      id uuid primary key,
      identifier varchar(64) unique,
      title varchar(200) not null,
      description text not null default '',
      org_id uuid not null references catalog_organisation (id),
      domains text[] not null check (cardinality(domains) > 0),
      scenarios text[] not null default '{}',
      tags text[] not null default '{}',
      open_type varchar(16) not null check (open_type in ('unconditional', 'conditional', 'closed')),
      grade smallint not null check (grade between 1 and 4),
      classifications text[] not null default '{}',
      update_cycle varchar(16) not null check (update_cycle in
        ('yearly', 'half-yearly', 'quarterly', 'monthly', 'weekly', 'daily', 'real-time', 'other')),
      update_method varchar(16) not null check (update_method in ('primary-key', 'incremental', 'full')),
      licence varchar(64) not null,
      formats text[] not null default '{}',
      record_count bigint not null default 0 check (record_count >= 0),
      fields jsonb not null default '[]',
      contact jsonb not null default '{}',
      state varchar(16) not null check (state in ('draft', 'published', 'withdrawn')),
      created_by uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_at timestamptz,
      views bigint not null default 0,
      downloads bigint not null default 0,
      api_calls bigint not null default 0,
      rating_avg double precision,
      rating_count integer not null default 0,
      version bigint not null default 1,
      search_vector tsvector not null default ''::tsvector
    )`);
    // Keyword search: jieba tokens in a 'simple' tsvector. Filters: GIN on each array column.
    this.addSql('create index catalog_dataset_search on catalog_dataset using gin (search_vector)');
    for (const column of ['domains', 'scenarios', 'tags', 'formats']) {
      this.addSql(
        `create index catalog_dataset_${column} on catalog_dataset using gin (${column})`,
      );
    }
    this.addSql('create index catalog_dataset_org on catalog_dataset (org_id, state)');
    // The public sorts, restricted to what the public sees.
    for (const column of ['updated_at', 'record_count', 'views', 'downloads', 'rating_avg']) {
      this.addSql(
        `create index catalog_dataset_pub_${column} on catalog_dataset (${column} desc) where state = 'published'`,
      );
    }
    this.addSql(`create table catalog_outbox (
      id bigserial primary key,
      dataset_id uuid not null,
      version bigint not null,
      op varchar(8) not null check (op in ('upsert', 'delete')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table catalog_view (
      dataset_id uuid not null references catalog_dataset (id) on delete cascade,
      visitor varchar(64) not null,
      day date not null,
      primary key (dataset_id, visitor, day)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table catalog_view');
    this.addSql('drop table catalog_outbox');
    this.addSql('drop table catalog_dataset');
    this.addSql('drop table catalog_organisation');
  }
}
