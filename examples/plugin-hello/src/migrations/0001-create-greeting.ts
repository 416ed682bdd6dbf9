import { Migration } from '@kaifang/sdk';

export class CreateGreeting extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table hello_greeting (
      id uuid primary key,
      name varchar(50) not null,
      message text not null,
      created_at timestamptz not null
    )`);
    this.addSql('create index hello_greeting_created_at on hello_greeting (created_at desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table hello_greeting');
  }
}
