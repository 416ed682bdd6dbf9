import { Migration } from '@kaifang/sdk';

export class CreateReview extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table review_item (
      id uuid primary key,
      kind varchar(100) not null,
      target_id varchar(200) not null,
      target_organisation_id varchar(200),
      applicant_id varchar(200) not null,
      data jsonb not null,
      state varchar(20) not null,
      reviewer_id varchar(200),
      remark text,
      fields jsonb not null default '{}',
      submitted_at timestamptz not null,
      deadline date not null,
      due_at timestamptz not null,
      deadline_fallback boolean not null default false,
      decided_at timestamptz,
      reminded_on date,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    // The inbox filters open items by kind and organisation and sorts by due date.
    this.addSql('create index review_item_inbox on review_item (state, due_at)');
    this.addSql('create index review_item_org on review_item (target_organisation_id, kind)');
    this.addSql(
      'create index review_item_applicant on review_item (applicant_id, created_at desc)',
    );
    this.addSql('create index review_item_target on review_item (kind, target_id)');
    this.addSql(`create table review_event (
      id uuid primary key,
      item_id uuid not null references review_item (id) on delete cascade,
      action varchar(20) not null,
      from_state varchar(20),
      to_state varchar(20) not null,
      actor_id varchar(200) not null,
      remark text,
      at timestamptz not null
    )`);
    this.addSql('create index review_event_item on review_event (item_id, at)');
    this.addSql(`create table review_message (
      id uuid primary key,
      user_id varchar(200) not null,
      title varchar(200) not null,
      body text not null,
      link varchar(500),
      item_id uuid,
      read_at timestamptz,
      created_at timestamptz not null
    )`);
    this.addSql('create index review_message_user on review_message (user_id, created_at desc)');
    this.addSql(`create table review_calendar_year (
      year integer primary key,
      published_by varchar(200) not null,
      published_at timestamptz not null,
      source text
    )`);
    this.addSql(`create table review_calendar_day (
      date date primary key,
      year integer not null,
      workday boolean not null,
      name varchar(50) not null
    )`);
    this.addSql('create index review_calendar_day_year on review_calendar_day (year)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table review_calendar_day');
    this.addSql('drop table review_calendar_year');
    this.addSql('drop table review_message');
    this.addSql('drop table review_event');
    this.addSql('drop table review_item');
  }
}
