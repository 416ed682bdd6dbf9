/**
 * Importing catalogue content (a deployment's demo data, or a migration from an old portal):
 * organisations by code and datasets by identifier, each created only when missing, so running
 * it on every start is safe and never undoes an admin's later edits.
 */
import type { Contact, DatasetInput, DatasetUsage } from './model.ts';
import type { Sql } from './sql.ts';
import type { CatalogStore } from './store.ts';

export interface ContentOrganisation {
  code: string;
  name: string;
  shortName?: string;
  description?: string;
  contact?: Contact;
  order?: number;
}

export interface ContentDataset
  extends Partial<DatasetUsage>,
    Omit<
      DatasetInput,
      | 'organizationId'
      | 'identifier'
      | 'licence'
      | 'state'
      | 'scenarios'
      | 'tags'
      | 'classifications'
      | 'contact'
      | 'grade'
      | 'primaryKey'
    > {
  /** Unique and stable: what makes the import idempotent. */
  identifier: string;
  /** The organisation's code. */
  organisation: string;
  licence?: string;
  state?: DatasetInput['state'];
  scenarios?: string[];
  tags?: string[];
  classifications?: string[];
  contact?: Contact;
  grade?: DatasetInput['grade'];
  primaryKey?: string[];
  /** ISO dates; default now. */
  createdAt?: string;
  updatedAt?: string;
}

export interface CatalogContent {
  organisations: ContentOrganisation[];
  datasets: ContentDataset[];
}

export interface ImportResult {
  organisations: { created: number; existing: number };
  datasets: { created: number; existing: number };
}

export async function importContent(
  deps: {
    sql: Sql;
    store: CatalogStore;
    defaultLicence: (openType: DatasetInput['openType']) => string;
  },
  content: CatalogContent,
): Promise<ImportResult> {
  const { sql, store } = deps;
  const result: ImportResult = {
    organisations: { created: 0, existing: 0 },
    datasets: { created: 0, existing: 0 },
  };
  const orgIds = new Map(
    (
      await sql.query<{ id: string; code: string }>('select id, code from catalog_organisation')
    ).map((row) => [row.code, row.id]),
  );
  for (const organisation of content.organisations) {
    if (orgIds.has(organisation.code)) {
      result.organisations.existing += 1;
      continue;
    }
    orgIds.set(organisation.code, await store.saveOrganisation(organisation));
    result.organisations.created += 1;
  }
  const existing = new Set(
    (
      await sql.query<{ identifier: string }>(
        'select identifier from catalog_dataset where identifier = any($1::text[])',
        [content.datasets.map((dataset) => dataset.identifier)],
      )
    ).map((row) => row.identifier),
  );
  for (const dataset of content.datasets) {
    if (existing.has(dataset.identifier)) {
      result.datasets.existing += 1;
      continue;
    }
    const organizationId = orgIds.get(dataset.organisation);
    if (!organizationId)
      throw new Error(
        `dataset ${dataset.identifier} names organisation '${dataset.organisation}', which the content does not define`,
      );
    const {
      organisation: _o,
      views,
      downloads,
      apiCalls,
      ratingAvg,
      ratingCount,
      createdAt,
      updatedAt,
      ...rest
    } = dataset;
    await store.save(
      {
        ...rest,
        organizationId,
        identifier: dataset.identifier,
        licence: dataset.licence ?? deps.defaultLicence(dataset.openType),
        state: dataset.state ?? 'published',
        scenarios: dataset.scenarios ?? [],
        tags: dataset.tags ?? [],
        classifications: dataset.classifications ?? [],
        contact: dataset.contact ?? {},
        grade: dataset.grade ?? (dataset.openType === 'unconditional' ? 1 : 2),
        primaryKey: dataset.primaryKey ?? [],
      },
      {
        imported: {
          ...(views !== undefined ? { views } : {}),
          ...(downloads !== undefined ? { downloads } : {}),
          ...(apiCalls !== undefined ? { apiCalls } : {}),
          ...(ratingAvg !== undefined ? { ratingAvg } : {}),
          ...(ratingCount !== undefined ? { ratingCount } : {}),
          ...(createdAt ? { createdAt: new Date(createdAt) } : {}),
          ...(updatedAt ? { updatedAt: new Date(updatedAt) } : {}),
        },
      },
    );
    result.datasets.created += 1;
  }
  return result;
}
