/**
 * The catalogue's vocabulary: open types, grading, update cycles and methods (MISSION C5, D2,
 * D4, D5), and the shapes of datasets and organisations as the API shows them.
 */
import type { LocalizedText } from '@kaifang/sdk';

export const OPEN_TYPES = ['unconditional', 'conditional', 'closed'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];

/** D4 */
export const UPDATE_CYCLES = [
  'yearly',
  'half-yearly',
  'quarterly',
  'monthly',
  'weekly',
  'daily',
  'real-time',
  'other',
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** D5 */
export const UPDATE_METHODS = ['primary-key', 'incremental', 'full'] as const;
export type UpdateMethod = (typeof UPDATE_METHODS)[number];

export const STATES = ['draft', 'published', 'withdrawn'] as const;
export type DatasetState = (typeof STATES)[number];

/** Grading (分级, D2): 1 is the least sensitive; levels above 2 are rarely opened unconditionally. */
export const GRADES = [1, 2, 3, 4] as const;
export type Grade = (typeof GRADES)[number];

export const SORTS = ['relevance', 'updated', 'records', 'views', 'downloads', 'rating'] as const;
export type Sort = (typeof SORTS)[number];

export const FACETS = ['org', 'domain', 'format', 'openType', 'scenario', 'grade'] as const;
export type FacetName = (typeof FACETS)[number];

export const FIELD_TYPES = [
  'string',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'text',
] as const;

export const LABELS = {
  openType: {
    unconditional: { zh: '无条件开放', en: 'Unconditional' },
    conditional: { zh: '有条件开放', en: 'Conditional' },
    closed: { zh: '不予开放', en: 'Not open' },
  },
  grade: {
    1: { zh: '一级', en: 'Level 1' },
    2: { zh: '二级', en: 'Level 2' },
    3: { zh: '三级', en: 'Level 3' },
    4: { zh: '四级', en: 'Level 4' },
  },
  updateCycle: {
    yearly: { zh: '每年', en: 'Yearly' },
    'half-yearly': { zh: '每半年', en: 'Half-yearly' },
    quarterly: { zh: '每季度', en: 'Quarterly' },
    monthly: { zh: '每月', en: 'Monthly' },
    weekly: { zh: '每周', en: 'Weekly' },
    daily: { zh: '每日', en: 'Daily' },
    'real-time': { zh: '实时', en: 'Real time' },
    other: { zh: '其他', en: 'Other' },
  },
  updateMethod: {
    'primary-key': { zh: '主键更新', en: 'Primary-key update' },
    incremental: { zh: '增量更新', en: 'Incremental' },
    full: { zh: '全量更新', en: 'Full replacement' },
  },
} satisfies Record<string, Record<string | number, LocalizedText>>;

/** One entry of a field's code list (字典项), e.g. `{ code: '1', label: '男' }`. */
export interface DictionaryItem {
  code: string;
  label: string;
}

/** One column of the dataset (数据项). */
export interface FieldDefinition {
  name: string;
  label: string;
  type: (typeof FIELD_TYPES)[number];
  unit?: string;
  description?: string;
  dictionary?: DictionaryItem[];
}

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
}

export interface Ref {
  code: string;
  name: string;
}

/**
 * What a provider writes about a dataset, the same in the API's answer, the input and the row.
 * The shapes differ only in how they hold references (organisation, domains, licence) and times.
 */
export interface DatasetDescription {
  title: string;
  description: string;
  tags: string[];
  openType: OpenType;
  grade: Grade;
  classifications: string[];
  updateCycle: UpdateCycle;
  updateMethod: UpdateMethod;
  formats: string[];
  recordCount: number;
  fields: FieldDefinition[];
  /**
   * The declared primary key (D5 primary-key update): names of fields of the dictionary, in
   * key order; empty when none is declared.
   */
  primaryKey: string[];
  contact: Contact;
  state: DatasetState;
}

/** How much a dataset is used; other plugins (downloads, APIs, ratings) feed these. */
export interface DatasetUsage {
  views: number;
  downloads: number;
  apiCalls: number;
  ratingAvg: number | null;
  ratingCount: number;
}

/** A copy of the description part of any dataset shape (the type keeps the list complete). */
export function descriptionOf(dataset: DatasetDescription): DatasetDescription {
  return {
    title: dataset.title,
    description: dataset.description,
    tags: dataset.tags,
    openType: dataset.openType,
    grade: dataset.grade,
    classifications: dataset.classifications,
    updateCycle: dataset.updateCycle,
    updateMethod: dataset.updateMethod,
    formats: dataset.formats,
    recordCount: dataset.recordCount,
    fields: dataset.fields,
    primaryKey: dataset.primaryKey,
    contact: dataset.contact,
    state: dataset.state,
  };
}

/**
 * What the datastore reports after loading data (C4): the record count, the formats it serves
 * and the field dictionary as it inferred it (the file's header names and column types).
 * `primaryKey`, when given, is the key the load used.
 */
export interface DataFacts {
  recordCount: number;
  formats: string[];
  fields: { name: string; label?: string; type: FieldDefinition['type'] }[];
  primaryKey?: string[];
}

/** A dataset as the API shows it. */
export interface Dataset extends DatasetDescription, DatasetUsage {
  id: string;
  /** The provincial catalogue's resource code (资源代码), unique when given. */
  identifier: string | null;
  organization: { id: string; name: string };
  domains: Ref[];
  scenarios: Ref[];
  licence: { code: string; name: string; url: string };
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The update counter: bumped by every change, used to version search documents. */
  version: number;
}

/** What lists show; the home page's newest and most-downloaded lists use it too. */
export type DatasetSummary = Pick<
  Dataset,
  | 'id'
  | 'title'
  | 'description'
  | 'organization'
  | 'domains'
  | 'scenarios'
  | 'tags'
  | 'openType'
  | 'grade'
  | 'formats'
  | 'recordCount'
  | 'state'
  | 'updatedAt'
  | 'views'
  | 'downloads'
  | 'apiCalls'
  | 'ratingAvg'
  | 'ratingCount'
>;

/** The fields a provider admin writes (POST, and PATCH partially). */
export interface DatasetInput extends DatasetDescription {
  identifier?: string | null;
  organizationId: string;
  domains: string[];
  scenarios: string[];
  licence: string;
}

/** What a platform admin writes about a providing organisation. */
export interface OrganisationDescription {
  code: string;
  name: string;
  shortName: string | null;
  description: string;
  contact: Contact;
  order: number;
}

/** An organisation to create (code and name required) or the changes to one. */
export type OrganisationInput = Pick<OrganisationDescription, 'code' | 'name'> &
  Partial<Omit<OrganisationDescription, 'code' | 'name'>>;

export interface Organisation extends OrganisationDescription {
  id: string;
  /** Published datasets. */
  datasetCount: number;
}

export interface Stats {
  datasets: number;
  organisations: number;
  apis: number;
  downloads: number;
  applications: number;
}

/** A stored dataset as the input that would save it unchanged (the base of every edit). */
export function inputOf(dataset: Dataset): DatasetInput {
  return {
    ...descriptionOf(dataset),
    identifier: dataset.identifier,
    organizationId: dataset.organization.id,
    domains: dataset.domains.map((d) => d.code),
    scenarios: dataset.scenarios.map((d) => d.code),
    licence: dataset.licence.code,
  };
}
