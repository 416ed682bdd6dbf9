import { Migration } from '@kaifang/sdk';

/**
 * Facet counting on integers: every facet value a dataset carries (organisation, domains,
 * formats, open type, scenarios, grade) gets a small integer code in `catalog_facet_key`, and
 * each row keeps its codes in one `facet_codes int[]`, maintained by a trigger on every write
 * (whoever writes the row). A catalogue query then counts all facets from one unnest of
 * integers instead of six text groupings (see search/postgres.ts).
 */
export class AddFacetCodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table catalog_facet_key (
      id serial primary key,
      facet varchar(16) not null,
      key text not null,
      unique (facet, key)
    )`);
    this.addSql(`alter table catalog_dataset add column facet_codes int[] not null default '{}'`);
    // The facet values of a row, as (facet, key) pairs; the keys are what the API shows.
    this.addSql(`create function catalog_facet_pairs(
        org_id uuid, domains text[], formats text[], open_type text, scenarios text[], grade smallint)
      returns table (facet text, key text) language sql immutable as $$
        select 'org', org_id::text
        union all select 'domain', k from unnest(domains) k
        union all select 'format', k from unnest(formats) k
        union all select 'openType', open_type
        union all select 'scenario', k from unnest(scenarios) k
        union all select 'grade', grade::text
      $$`);
    this.addSql(`create function catalog_dataset_facet_codes() returns trigger language plpgsql as $$
      begin
        insert into catalog_facet_key (facet, key)
          select p.facet, p.key from catalog_facet_pairs(new.org_id, new.domains, new.formats,
            new.open_type, new.scenarios, new.grade) p
          on conflict do nothing;
        new.facet_codes := array(
          select k.id from catalog_facet_pairs(new.org_id, new.domains, new.formats,
            new.open_type, new.scenarios, new.grade) p
          join catalog_facet_key k on k.facet = p.facet and k.key = p.key
          order by k.id);
        return new;
      end $$`);
    this.addSql(`create trigger catalog_dataset_facet_codes
      before insert or update of org_id, domains, formats, open_type, scenarios, grade
      on catalog_dataset for each row execute function catalog_dataset_facet_codes()`);
    // Existing rows: the trigger fills them in.
    this.addSql('update catalog_dataset set domains = domains');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger catalog_dataset_facet_codes on catalog_dataset');
    this.addSql('drop function catalog_dataset_facet_codes()');
    this.addSql('drop function catalog_facet_pairs(uuid, text[], text[], text, text[], smallint)');
    this.addSql('alter table catalog_dataset drop column facet_codes');
    this.addSql('drop table catalog_facet_key');
  }
}
