import { Migration } from '@kaifang/sdk';

/** D5: the declared primary key of a dataset (field names, in key order; empty = none). */
export class AddPrimaryKey extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table catalog_dataset add column primary_key text[] not null default '{}'`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table catalog_dataset drop column primary_key');
  }
}
