import { Migration } from '@kaifang/sdk';

/**
 * Every node's search answer cache hears of every write that can change a search answer,
 * whoever made it (this node, another node, the datastore, plain SQL): statement triggers send
 * `NOTIFY catalog_search`, which PostgreSQL delivers to each listening node when the writer
 * commits (decision 0009). The pure counters `views`, `downloads` and `api_calls` are left out
 * on purpose: they change on every visit, and a sort by them may lag by the cache time.
 * A later migration that adds a column search reads must add it to the list below.
 *
 * The keyword index stops buffering new entries (`fastupdate`): catalogue writes are rare and
 * searches are not, and the buffer (up to 4 MB) is read in full by every search until a vacuum
 * empties it.
 */
const SEARCHED_COLUMNS = [
  'identifier',
  'title',
  'description',
  'org_id',
  'domains',
  'scenarios',
  'tags',
  'open_type',
  'grade',
  'classifications',
  'update_cycle',
  'update_method',
  'licence',
  'formats',
  'record_count',
  'fields',
  'contact',
  'state',
  'created_at',
  'updated_at',
  'published_at',
  'rating_avg',
  'rating_count',
  'version',
  'search_vector',
  'primary_key',
  'facet_codes',
];

export class NotifySearchChanges extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function catalog_notify_search() returns trigger language plpgsql as $$
      begin
        perform pg_notify('catalog_search', tg_table_name);
        return null;
      end $$`);
    this.addSql(`create trigger catalog_dataset_notify_search
      after insert or delete or truncate or update of ${SEARCHED_COLUMNS.join(', ')}
      on catalog_dataset for each statement execute function catalog_notify_search()`);
    this.addSql(`create trigger catalog_organisation_notify_search
      after insert or update or delete or truncate
      on catalog_organisation for each statement execute function catalog_notify_search()`);
    this.addSql('alter index catalog_dataset_search set (fastupdate = off)');
  }

  override async down(): Promise<void> {
    this.addSql('alter index catalog_dataset_search reset (fastupdate)');
    this.addSql('drop trigger catalog_organisation_notify_search on catalog_organisation');
    this.addSql('drop trigger catalog_dataset_notify_search on catalog_dataset');
    this.addSql('drop function catalog_notify_search()');
  }
}
