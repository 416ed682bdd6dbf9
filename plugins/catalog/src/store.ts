/**
 * Reading and writing datasets and organisations. Every write of a dataset updates its search
 * vector and (with an external engine) appends an outbox row in the same transaction, so the
 * index can lag behind the database but never lose a change.
 */
import { randomUUID } from 'node:crypto';
import type { DomainsApi } from '@kaifang/plugin-domains';
import { Boom, type Clock } from '@kaifang/sdk';
import { changedMeanwhile } from './concurrency.ts';
import type { CatalogHooks, SaveContext } from './hooks.ts';
import type { Licence } from './licences.ts';
import {
  type Contact,
  type DataFacts,
  type Dataset,
  type DatasetInput,
  type DatasetUsage,
  descriptionOf,
  type FieldDefinition,
  type Grade,
  type Organisation,
  type OrganisationInput,
  type Ref,
} from './model.ts';
import type { IndexDocument } from './search/port.ts';
import { vectorSql } from './search/postgres.ts';
import { tokenizeDocument } from './search/tokenize.ts';
import type { Sql } from './sql.ts';

/** Counters and times a demo or migration import sets directly. */
export interface ImportedFacts extends Partial<DatasetUsage> {
  createdAt?: Date;
  updatedAt?: Date;
}

interface DatasetDbRow {
  id: string;
  identifier: string | null;
  title: string;
  description: string;
  org_id: string;
  org_name: string;
  domains: string[];
  scenarios: string[];
  tags: string[];
  open_type: Dataset['openType'];
  grade: number;
  classifications: string[];
  update_cycle: Dataset['updateCycle'];
  update_method: Dataset['updateMethod'];
  licence: string;
  formats: string[];
  record_count: string;
  fields: FieldDefinition[];
  primary_key: string[];
  contact: Contact;
  state: Dataset['state'];
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  views: string;
  downloads: string;
  api_calls: string;
  rating_avg: number | null;
  rating_count: number;
  version: string;
}

const SELECT_DATASET = `select d.id, d.identifier, d.title, d.description, d.org_id, o.name as org_name,
  d.domains, d.scenarios, d.tags, d.open_type, d.grade, d.classifications, d.update_cycle,
  d.update_method, d.licence, d.formats, d.record_count, d.fields, d.primary_key, d.contact, d.state,
  d.created_at, d.updated_at, d.published_at, d.views, d.downloads, d.api_calls, d.rating_avg,
  d.rating_count, d.version
  from catalog_dataset d join catalog_organisation o on o.id = d.org_id`;

export interface StoreDeps {
  sql: Sql;
  clock: Clock;
  hooks: CatalogHooks;
  domains: () => DomainsApi;
  licences: ReadonlyMap<string, Licence>;
  /** True when an external engine is configured: writes then append outbox rows. */
  outbox: boolean;
  /** Called after a commit that appended outbox rows (queues the drain job). */
  changed: () => void;
  /** Called after every committed dataset write (the search cache forgets its answers). */
  written?: () => void;
}

export class CatalogStore {
  #names: { at: number; value: Promise<Map<string, { zh: string; en: string }>> } | undefined;

  constructor(private readonly deps: StoreDeps) {}

  /** Domain names, cached for a few seconds: every list page labels its items with them. */
  domainNames(): Promise<Map<string, { zh: string; en: string }>> {
    const now = Date.now();
    if (!this.#names || now - this.#names.at > 5000) {
      const value = this.deps.domains().names();
      value.catch(() => {
        this.#names = undefined;
      });
      this.#names = { at: now, value };
    }
    return this.#names.value;
  }

  async get(id: string): Promise<Dataset | undefined> {
    return (await this.getMany([id]))[0];
  }

  /** Datasets by id, in the order asked (missing ids are skipped). */
  async getMany(ids: string[]): Promise<Dataset[]> {
    if (ids.length === 0) return [];
    const [rows, names] = await Promise.all([
      this.deps.sql.query<DatasetDbRow>(`${SELECT_DATASET} where d.id = any($1::uuid[])`, [ids]),
      this.domainNames(),
    ]);
    const byId = new Map(rows.map((row) => [row.id, this.#toDataset(row, names)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  #toDataset(row: DatasetDbRow, names: Map<string, { zh: string; en: string }>): Dataset {
    const ref = (code: string): Ref => ({ code, name: names.get(code)?.zh ?? code });
    const licence = this.deps.licences.get(row.licence);
    return {
      id: row.id,
      identifier: row.identifier,
      title: row.title,
      description: row.description,
      organization: { id: row.org_id, name: row.org_name },
      domains: row.domains.map(ref),
      scenarios: row.scenarios.map(ref),
      tags: row.tags,
      openType: row.open_type,
      grade: row.grade as Grade,
      classifications: row.classifications,
      updateCycle: row.update_cycle,
      updateMethod: row.update_method,
      licence: { code: row.licence, name: licence?.name ?? row.licence, url: licence?.url ?? '' },
      formats: row.formats,
      recordCount: Number(row.record_count),
      fields: row.fields,
      primaryKey: row.primary_key,
      contact: row.contact,
      state: row.state,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      publishedAt: row.published_at?.toISOString() ?? null,
      views: Number(row.views),
      downloads: Number(row.downloads),
      apiCalls: Number(row.api_calls),
      ratingAvg: row.rating_avg === null ? null : Math.round(row.rating_avg * 10) / 10,
      ratingCount: row.rating_count,
      version: Number(row.version),
    };
  }

  /** The search document of a dataset, enriched by the `indexDocument` hook, then tokenised. */
  async document(dataset: Dataset): Promise<IndexDocument> {
    const base: IndexDocument = {
      id: dataset.id,
      version: dataset.version,
      state: dataset.state,
      orgId: dataset.organization.id,
      domains: dataset.domains.map((d) => d.code),
      scenarios: dataset.scenarios.map((d) => d.code),
      tags: dataset.tags,
      formats: dataset.formats,
      openType: dataset.openType,
      grade: dataset.grade,
      updatedAt: dataset.updatedAt,
      recordCount: dataset.recordCount,
      views: dataset.views,
      downloads: dataset.downloads,
      ratingAvg: dataset.ratingAvg,
      ratingCount: dataset.ratingCount,
      text: {
        title: dataset.title,
        tags: dataset.tags.join(' '),
        fields: dataset.fields.map((field) => field.label).join(' '),
        description: dataset.description,
      },
      tokens: { title: '', tags: '', fields: '', description: '' },
    };
    const doc = await this.deps.hooks.indexDocument.promise(base, dataset);
    doc.tokens = {
      title: tokenizeDocument(doc.text.title),
      tags: tokenizeDocument(doc.text.tags),
      fields: tokenizeDocument(doc.text.fields),
      description: tokenizeDocument(doc.text.description),
    };
    return doc;
  }

  /** Checks what the database cannot: organisation, domain, scenario and licence codes. */
  async #checkReferences(input: DatasetInput): Promise<string> {
    const [org] = await this.deps.sql.query<{ name: string }>(
      'select name from catalog_organisation where id = $1',
      [input.organizationId],
    );
    if (!org)
      throw Boom.badRequest(
        `"organizationId" ${input.organizationId} is not an organisation; GET /api/v1/organizations lists them`,
      );
    const domains = this.deps.domains();
    const unknownDomains = await domains.unknownCodes(input.domains, 'domain');
    if (unknownDomains.length > 0)
      throw Boom.badRequest(
        `"domains" has unknown codes: ${unknownDomains.join(', ')}; GET /api/v1/domains lists them`,
      );
    const unknownScenarios = await domains.unknownCodes(input.scenarios, 'scenario');
    if (unknownScenarios.length > 0)
      throw Boom.badRequest(
        `"scenarios" has unknown codes: ${unknownScenarios.join(', ')}; GET /api/v1/domains?kind=scenario lists them`,
      );
    if (!this.deps.licences.has(input.licence))
      throw Boom.badRequest(
        `"licence" must be one of ${[...this.deps.licences.keys()].join(', ')}`,
      );
    return org.name;
  }

  /**
   * Creates (no `existing`) or replaces a dataset. Runs `beforeDatasetSave`, checks references,
   * writes the row, its vector and the outbox row in one transaction; runs `afterPublish`
   * when the dataset became published.
   */
  async save(
    input: DatasetInput,
    context: SaveContext & {
      imported?: ImportedFacts;
      /**
       * The client sent `If-Match` for `existing.version` (see concurrency.ts): a concurrent
       * write caught by the version guard is then the 412 of a failed precondition.
       */
      ifMatch?: string;
    },
  ): Promise<Dataset> {
    const { imported = {}, ifMatch, ...hookContext } = context;
    const { existing, principal } = hookContext;
    const final = await this.deps.hooks.beforeDatasetSave.promise({ ...input }, hookContext);
    const orgName = await this.#checkReferences(final);
    checkPrimaryKey(final);
    const names = await this.domainNames();
    const now = imported.updatedAt ?? this.deps.clock.now();
    const becomesPublished = final.state === 'published' && existing?.state !== 'published';
    const id = existing?.id ?? randomUUID();
    const version = (existing?.version ?? 0) + 1;
    const publishedAt = becomesPublished ? now.toISOString() : (existing?.publishedAt ?? null);
    const ref = (code: string): Ref => ({ code, name: names.get(code)?.zh ?? code });
    const licence = this.deps.licences.get(final.licence)!;
    const dataset: Dataset = {
      ...descriptionOf(final),
      id,
      identifier: final.identifier ?? null,
      organization: { id: final.organizationId, name: orgName },
      domains: final.domains.map(ref),
      scenarios: final.scenarios.map(ref),
      licence: { code: licence.code, name: licence.name, url: licence.url },
      createdAt: existing?.createdAt ?? (imported.createdAt ?? now).toISOString(),
      updatedAt: now.toISOString(),
      publishedAt,
      views: existing?.views ?? imported.views ?? 0,
      downloads: existing?.downloads ?? imported.downloads ?? 0,
      apiCalls: existing?.apiCalls ?? imported.apiCalls ?? 0,
      ratingAvg: existing?.ratingAvg ?? imported.ratingAvg ?? null,
      ratingCount: existing?.ratingCount ?? imported.ratingCount ?? 0,
      version,
    };
    const doc = await this.document(dataset);
    // Columns both statements write, in this order ($1…$19).
    const columns = [
      id,
      dataset.identifier,
      dataset.title,
      dataset.description,
      final.organizationId,
      final.domains,
      final.scenarios,
      dataset.tags,
      dataset.openType,
      dataset.grade,
      dataset.classifications,
      dataset.updateCycle,
      dataset.updateMethod,
      final.licence,
      dataset.formats,
      dataset.recordCount,
      JSON.stringify(dataset.fields),
      JSON.stringify(dataset.contact),
      dataset.state,
    ];
    const tokens = [doc.tokens.title, doc.tokens.tags, doc.tokens.fields, doc.tokens.description];
    try {
      await this.deps.sql.transaction(async (tx) => {
        if (existing) {
          // The version guard turns a concurrent edit into a clear conflict instead of a lost update.
          const updated = await tx.query(
            `update catalog_dataset set identifier = $2, title = $3, description = $4, org_id = $5,
               domains = $6, scenarios = $7, tags = $8, open_type = $9, grade = $10,
               classifications = $11, update_cycle = $12, update_method = $13, licence = $14,
               formats = $15, record_count = $16, fields = $17, contact = $18, state = $19,
               updated_at = $20, published_at = $21, version = $22,
               search_vector = ${vectorSql('$23', '$24', '$25', '$26')}, primary_key = $27
             where id = $1 and version = $22 - 1
             returning id`,
            [
              ...columns,
              dataset.updatedAt,
              dataset.publishedAt,
              version,
              ...tokens,
              dataset.primaryKey,
            ],
          );
          if (updated.length === 0) {
            if (ifMatch !== undefined)
              throw changedMeanwhile(id, ifMatch, await currentVersion(tx, id));
            throw Boom.conflict(
              'the dataset was changed by someone else meanwhile; reload it and apply your change again',
            );
          }
        } else {
          await tx.query(
            `insert into catalog_dataset (id, identifier, title, description, org_id, domains,
               scenarios, tags, open_type, grade, classifications, update_cycle, update_method,
               licence, formats, record_count, fields, contact, state, created_by, created_at,
               updated_at, published_at, views, downloads, api_calls, rating_avg, rating_count,
               version, search_vector, primary_key)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
               $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29,
               ${vectorSql('$30', '$31', '$32', '$33')}, $34)`,
            [
              ...columns,
              principal?.userId ?? null,
              dataset.createdAt,
              dataset.updatedAt,
              dataset.publishedAt,
              dataset.views,
              dataset.downloads,
              dataset.apiCalls,
              dataset.ratingAvg,
              dataset.ratingCount,
              version,
              ...tokens,
              dataset.primaryKey,
            ],
          );
        }
        if (this.deps.outbox) {
          await tx.query(
            `insert into catalog_outbox (dataset_id, version, op) values ($1, $2, 'upsert')`,
            [id, version],
          );
        }
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw Boom.conflict(
          `a dataset with identifier '${dataset.identifier}' exists; identifiers are unique`,
        );
      throw error;
    }
    this.deps.written?.();
    if (this.deps.outbox) this.deps.changed();
    const saved = (await this.get(id))!;
    if (becomesPublished) await this.deps.hooks.afterPublish.promise(saved);
    return saved;
  }

  /**
   * Writes back what the datastore learnt from loaded data: record count, formats and the
   * field dictionary (types and names from the data; labels, units, descriptions and code
   * lists an admin wrote for a field of the same name are kept). A declared primary key that
   * names a field the data no longer has is dropped. Goes through `save`, so the update time,
   * version, search vector and outbox move as with any other change; a concurrent edit is
   * retried on the fresh row.
   */
  async setDataFacts(id: string, facts: DataFacts): Promise<Dataset> {
    for (let attempt = 1; ; attempt++) {
      const existing = await this.get(id);
      if (!existing) throw Boom.notFound(`no dataset with id ${id}`);
      const fields = mergeFields(existing.fields, facts.fields);
      const names = new Set(fields.map((field) => field.name));
      const wanted = facts.primaryKey ?? existing.primaryKey;
      const primaryKey = wanted.every((name) => names.has(name)) ? wanted : [];
      const input: DatasetInput = {
        ...descriptionOf(existing),
        identifier: existing.identifier,
        organizationId: existing.organization.id,
        domains: existing.domains.map((d) => d.code),
        scenarios: existing.scenarios.map((d) => d.code),
        licence: existing.licence.code,
        recordCount: Math.max(0, Math.trunc(facts.recordCount)),
        formats: [...new Set(facts.formats.map((format) => format.trim().toUpperCase()))].filter(
          Boolean,
        ),
        fields,
        primaryKey,
      };
      try {
        return await this.save(input, { existing });
      } catch (error) {
        const status = (error as { output?: { statusCode?: number } }).output?.statusCode;
        if (status !== 409 || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Deletes a dataset. With `ifMatch` (the client's `If-Match` for `dataset.version`) only that
   * version is deleted, in the same statement that checks it; a changed or vanished row is a 412.
   */
  async delete(dataset: Dataset, options: { ifMatch?: string } = {}): Promise<void> {
    const { ifMatch } = options;
    await this.deps.sql.transaction(async (tx) => {
      const deleted = await tx.query(
        'delete from catalog_dataset where id = $1 and (not $2 or version = $3) returning id',
        [dataset.id, ifMatch !== undefined, dataset.version],
      );
      if (deleted.length === 0 && ifMatch !== undefined)
        throw changedMeanwhile(dataset.id, ifMatch, await currentVersion(tx, dataset.id));
      if (this.deps.outbox) {
        await tx.query(
          `insert into catalog_outbox (dataset_id, version, op) values ($1, $2, 'delete')`,
          [dataset.id, dataset.version + 1],
        );
      }
    });
    this.deps.written?.();
    if (this.deps.outbox) this.deps.changed();
  }

  /** Counts a view once per visitor and day; returns whether this one counted. */
  async countView(datasetId: string, visitor: string, day: string): Promise<boolean> {
    const rows = await this.deps.sql.query(
      `with seen as (
         insert into catalog_view (dataset_id, visitor, day) values ($1, $2, $3)
         on conflict do nothing returning 1)
       update catalog_dataset set views = views + 1
       where id = $1 and exists (select 1 from seen) returning views`,
      [datasetId, visitor, day],
    );
    return rows.length > 0;
  }

  /**
   * A page of the published datasets for harvesters (the DCAT export), oldest publication first
   * (`created_at`, `id`): an edit does not move a dataset between pages, a new one comes last.
   * `modifiedSince` keeps those changed at or after it. Also the newest change of all of them.
   */
  async publishedPage(options: {
    offset: number;
    limit: number;
    modifiedSince?: Date;
  }): Promise<{ total: number; modified: string | null; datasets: Dataset[] }> {
    const since = options.modifiedSince ?? null;
    const [counts, rows] = await Promise.all([
      this.deps.sql.query<{ total: number; modified: Date | null }>(
        `select count(*) filter (where $1::timestamptz is null or updated_at >= $1)::int as total,
           max(updated_at) as modified
         from catalog_dataset where state = 'published'`,
        [since],
      ),
      this.deps.sql.query<{ id: string }>(
        `select id from catalog_dataset
         where state = 'published' and ($1::timestamptz is null or updated_at >= $1)
         order by created_at, id offset $2 limit $3`,
        [since, options.offset, options.limit],
      ),
    ]);
    const datasets = (await this.getMany(rows.map((row) => row.id))).filter(
      // A dataset withdrawn between the two reads is not shown.
      (dataset) => dataset.state === 'published',
    );
    return {
      total: counts[0]?.total ?? 0,
      modified: counts[0]?.modified?.toISOString() ?? null,
      datasets,
    };
  }

  /** Published datasets per domain and scenario code (for the domains plugin's counts). */
  async countsByDomain(): Promise<Map<string, number>> {
    const rows = await this.deps.sql.query<{ code: string; n: number }>(
      `select k as code, count(*)::int as n
       from catalog_dataset d, unnest(d.domains || d.scenarios) k
       where d.state = 'published' group by k`,
    );
    return new Map(rows.map((row) => [row.code, row.n]));
  }

  async organisations(): Promise<Organisation[]> {
    const rows = await this.deps.sql.query<{
      id: string;
      code: string;
      name: string;
      short_name: string | null;
      description: string;
      contact: Contact;
      sort_order: number;
      n: number;
    }>(
      `select o.id, o.code, o.name, o.short_name, o.description, o.contact, o.sort_order,
         (select count(*)::int from catalog_dataset d where d.org_id = o.id and d.state = 'published') as n
       from catalog_organisation o order by o.sort_order, o.name`,
    );
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      description: row.description,
      contact: row.contact,
      order: row.sort_order,
      datasetCount: row.n,
    }));
  }

  async saveOrganisation(input: OrganisationInput, existingId?: string): Promise<string> {
    const now = this.deps.clock.now();
    const id = existingId ?? randomUUID();
    try {
      if (existingId) {
        await this.deps.sql.query(
          `update catalog_organisation set code = coalesce($2, code), name = coalesce($3, name),
             short_name = case when $9 then $4 else short_name end,
             description = coalesce($5, description),
             contact = coalesce($6, contact), sort_order = coalesce($7, sort_order), updated_at = $8
           where id = $1`,
          [
            id,
            input.code ?? null,
            input.name ?? null,
            input.shortName ?? null,
            input.description ?? null,
            input.contact ? JSON.stringify(input.contact) : null,
            input.order ?? null,
            now,
            // `shortName: null` removes the short name; leaving the key out keeps it.
            input.shortName !== undefined,
          ],
        );
      } else {
        await this.deps.sql.query(
          `insert into catalog_organisation (id, code, name, short_name, description, contact, sort_order, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
          [
            id,
            input.code,
            input.name,
            input.shortName ?? null,
            input.description ?? '',
            JSON.stringify(input.contact ?? {}),
            input.order ?? 1000,
            now,
          ],
        );
      }
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw Boom.conflict(`an organisation with code '${input.code}' exists`);
      throw error;
    }
    return id;
  }
}

/** The stored version and time of the last change, for a 412's message (undefined: deleted). */
async function currentVersion(
  tx: Pick<Sql, 'query'>,
  id: string,
): Promise<{ version: number; updatedAt: string } | undefined> {
  const [row] = await tx.query<{ version: string; updated_at: Date }>(
    'select version, updated_at from catalog_dataset where id = $1',
    [id],
  );
  return row && { version: Number(row.version), updatedAt: row.updated_at.toISOString() };
}

/**
 * The dictionary of loaded data: its fields in its order with its types, each keeping what an
 * admin wrote for a field of the same name (label, unit, description, code list).
 */
export function mergeFields(
  declared: FieldDefinition[],
  inferred: DataFacts['fields'],
): FieldDefinition[] {
  const byName = new Map(declared.map((field) => [field.name, field]));
  return inferred.map((field) => {
    const known = byName.get(field.name);
    const label = known?.label || field.label?.trim() || field.name;
    return {
      ...known,
      name: field.name,
      label: label.slice(0, 50),
      type: field.type,
    };
  });
}

/** D5: a declared key names fields of the dictionary (when the dataset has one). */
function checkPrimaryKey(input: DatasetInput): void {
  if (input.primaryKey.length === 0 || input.fields.length === 0) return;
  const names = new Set(input.fields.map((field) => field.name));
  const unknown = input.primaryKey.filter((name) => !names.has(name));
  if (unknown.length > 0)
    throw Boom.badRequest(
      `"primaryKey" names ${unknown.map((name) => `'${name}'`).join(', ')}, not a field of the dataset's "fields" (${[...names].join(', ')})`,
    );
}
