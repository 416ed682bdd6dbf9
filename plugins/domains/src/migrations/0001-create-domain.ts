import { Migration } from '@kaifang/sdk';

export class CreateDomain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table domains_domain (
      code varchar(64) primary key check (code ~ '^[a-z][a-z0-9-]*$'),
      kind varchar(16) not null check (kind in ('base', 'extra', 'scenario')),
      name_zh varchar(50) not null,
      name_en varchar(100) not null,
      icon varchar(32) not null,
      sort_order integer not null,
      enabled boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql('create index domains_domain_kind_order on domains_domain (kind, sort_order)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table domains_domain');
  }
}
