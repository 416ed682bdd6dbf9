import { Migration } from '@kaifang/sdk';

/**
 * A full load publishes its rows first and builds the secondary indexes afterwards (as CKAN's
 * xloader does), so a job records when its data became readable as well as when it finished.
 */
export class IngestReadableAt extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table datastore_ingest add column readable_at timestamptz');
  }

  override async down(): Promise<void> {
    this.addSql('alter table datastore_ingest drop column readable_at');
  }
}
