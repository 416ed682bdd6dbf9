import { Migration } from '@kaifang/sdk';

/**
 * Uploaded originals are deleted some days after their load finished (data minimisation: they
 * hold the unmasked values). The job records when, so its status can say the file is gone.
 */
export class IngestFilePurgedAt extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table datastore_ingest add column file_purged_at timestamptz');
    // The hourly purge looks only at loads whose file is still kept: a small partial index
    // keeps that cheap however many old jobs the table holds.
    this.addSql(
      'create index datastore_ingest_file_kept on datastore_ingest (finished_at) where file_purged_at is null',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index datastore_ingest_file_kept');
    this.addSql('alter table datastore_ingest drop column file_purged_at');
  }
}
