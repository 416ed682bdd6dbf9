import { Migration } from '@kaifang/sdk';

export class CreateAuth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table auth_sso_user (
      id uuid primary key,
      login_name varchar(64) not null,
      password_hash text,
      real_name varchar(64),
      id_number varchar(18),
      gender varchar(16),
      mobile varchar(20),
      email varchar(254),
      industry varchar(64),
      occupation varchar(64),
      roles text[] not null default '{user}',
      organisation_id varchar(64),
      status varchar(16) not null default 'active',
      agreement_version varchar(40),
      agreement_accepted_at timestamptz,
      privacy_notice_version varchar(40),
      privacy_consented_at timestamptz,
      processing_stopped_at timestamptz,
      deletion_requested_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    // Login names are unique regardless of case; so are ID numbers of living accounts.
    this.addSql('create unique index auth_sso_user_login on auth_sso_user (lower(login_name))');
    this.addSql(
      'create unique index auth_sso_user_id_number on auth_sso_user (id_number) where id_number is not null',
    );
    this.addSql('create index auth_sso_user_roles on auth_sso_user using gin (roles)');

    this.addSql(`create table auth_sso_identity (
      provider varchar(40) not null,
      subject varchar(200) not null,
      user_id uuid not null references auth_sso_user (id) on delete cascade,
      created_at timestamptz not null,
      primary key (provider, subject)
    )`);

    this.addSql(`create table auth_sso_session (
      id varchar(64) primary key,
      user_id uuid not null references auth_sso_user (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      ended_at timestamptz,
      ended_reason varchar(32),
      ip varchar(64)
    )`);
    this.addSql(
      'create index auth_sso_session_user on auth_sso_session (user_id) where ended_at is null',
    );

    this.addSql(`create table auth_sso_audit (
      id bigserial primary key,
      at timestamptz not null,
      event varchar(40) not null,
      actor_id uuid,
      subject_id uuid,
      login_name varchar(64),
      ip varchar(64),
      detail jsonb not null default '{}'
    )`);
    this.addSql('create index auth_sso_audit_at on auth_sso_audit (at desc)');
    this.addSql('create index auth_sso_audit_event on auth_sso_audit (event, at desc)');
    this.addSql('create index auth_sso_audit_subject on auth_sso_audit (subject_id, at desc)');

    // Brute-force counters live here, not in memory, so every node enforces the same limit.
    this.addSql(`create table auth_sso_throttle (
      key varchar(200) primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    )`);

    // Deployment-wide secrets generated on first start (the cookie password), shared by nodes.
    this.addSql(`create table auth_sso_setting (
      key varchar(64) primary key,
      value text not null,
      created_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    for (const table of ['setting', 'throttle', 'audit', 'session', 'identity', 'user']) {
      this.addSql(`drop table auth_sso_${table}`);
    }
  }
}
