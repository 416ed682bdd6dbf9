import { Migration } from '@kaifang/sdk';

export class CreateDataSecurity extends Migration {
  override async up(): Promise<void> {
    // Deployment-wide generated secrets (the masking salt), shared by every node.
    this.addSql(`create table data_security_setting (
      key text primary key,
      value text not null
    )`);
    // One row per dataset field: what the last load detected, the rule set for it, the
    // reviewer's decision, and the rule the loaded data was actually masked with.
    this.addSql(`create table data_security_column (
      dataset_id uuid not null,
      field text not null,
      detected_type varchar(16),
      share real not null default 0,
      matches jsonb not null default '{}',
      samples integer not null default 0,
      by_name boolean not null default false,
      flagged boolean not null default false,
      rule jsonb,
      rule_set_by uuid,
      rule_set_at timestamptz,
      decision varchar(16),
      decided_by uuid,
      decided_at timestamptz,
      applied_rule text,
      detected_at timestamptz,
      primary key (dataset_id, field)
    )`);
    // The first rows of the last load, encrypted (AES-256-GCM), for the provider's preview.
    this.addSql(`create table data_security_sample (
      dataset_id uuid primary key,
      fields jsonb not null,
      payload text not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create table data_security_submission (
      id uuid primary key,
      dataset_id uuid not null,
      review_item_id uuid not null,
      state varchar(16) not null,
      submitted_by uuid not null,
      submitted_at timestamptz not null,
      remark text,
      decided_by uuid,
      decided_at timestamptz
    )`);
    this.addSql(
      'create index data_security_submission_dataset on data_security_submission (dataset_id, submitted_at desc)',
    );
    this.addSql(`create table data_security_audit (
      id bigserial primary key,
      at timestamptz not null,
      actor_id uuid,
      action varchar(32) not null,
      dataset_id uuid,
      field text,
      details jsonb not null default '{}'
    )`);
    this.addSql(
      'create index data_security_audit_dataset on data_security_audit (dataset_id, at desc)',
    );
  }
}
