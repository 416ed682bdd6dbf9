/**
 * The dataset form's model, without any DOM: what the form holds (text as typed, so a failed
 * save keeps every keystroke), how a stored dataset becomes a draft, how a draft becomes the
 * POST or PATCH body the API validates, and where the server's 400 message belongs.
 */
import { messageSentences } from '@kaifang/plugin-auth-sso/ui/client';
import type {
  DatasetState,
  DictionaryItem,
  FIELD_TYPES,
  FieldDefinition,
  OpenType,
} from '../model.ts';

export type FieldType = (typeof FIELD_TYPES)[number];

/** One row of the field dictionary as the form holds it. */
export interface FieldDraft {
  /** Identifies the row while the list changes (Lit's `repeat`); never sent. */
  key: number;
  name: string;
  label: string;
  type: FieldType;
  unit: string;
  description: string;
  /** The code list as written: one `code=label` a line. */
  dictionary: string;
  /**
   * True for a field the dataset already had. Its name is the loaded data's column, which the
   * datastore matches labels on, so the form does not let it be renamed.
   */
  stored: boolean;
}

/** Every input of the form, as typed. Lists typed into one box stay text until sent. */
export interface Draft {
  identifier: string;
  title: string;
  description: string;
  organizationId: string;
  domains: string[];
  scenarios: string[];
  tags: string;
  openType: OpenType;
  /** '' = the server's default for the open type. */
  grade: string;
  classifications: string;
  /** '' until chosen: the server then says it is required. */
  updateCycle: string;
  updateMethod: string;
  /** '' = the server's default licence for the open type (new datasets only). */
  licence: string;
  formats: string;
  recordCount: string;
  primaryKey: string;
  fields: FieldDraft[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  state: DatasetState;
}

/** The dataset as `GET /api/v1/datasets/{id}` answers (the parts the form reads). */
export interface StoredDataset {
  id: string;
  identifier: string | null;
  title: string;
  description: string;
  organization: { id: string; name: string };
  domains: { code: string }[];
  scenarios: { code: string }[];
  tags: string[];
  openType: OpenType;
  grade: number;
  classifications: string[];
  updateCycle: string;
  updateMethod: string;
  licence: { code: string };
  formats: string[];
  recordCount: number;
  fields: FieldDefinition[];
  primaryKey?: string[];
  contact: { name?: string; phone?: string; email?: string };
  state: DatasetState;
  /** The update counter: an edit sends it back as `If-Match: "v<version>"` (the GET's ETag). */
  version: number;
  can?: { edit: boolean; publish: boolean };
}

/** A JSON body for POST or PATCH /api/v1/datasets. */
export type Payload = Record<string, unknown>;

let rows = 0;

export function newField(): FieldDraft {
  rows += 1;
  return {
    key: rows,
    name: '',
    label: '',
    type: 'string',
    unit: '',
    description: '',
    dictionary: '',
    stored: false,
  };
}

export function emptyDraft(organizationId = ''): Draft {
  return {
    identifier: '',
    title: '',
    description: '',
    organizationId,
    domains: [],
    scenarios: [],
    tags: '',
    openType: 'unconditional',
    grade: '',
    classifications: '',
    updateCycle: '',
    updateMethod: '',
    licence: '',
    formats: '',
    recordCount: '',
    primaryKey: '',
    fields: [],
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    state: 'draft',
  };
}

const LIST_SEPARATORS = /[,，、;；\n]+/;

/** A list typed into one box: split at commas (either width), 顿号, semicolons or lines. */
export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATORS)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}

export function formatDictionary(items: readonly DictionaryItem[] | undefined): string {
  return (items ?? []).map((item) => `${item.code}=${item.label}`).join('\n');
}

/**
 * `code=label` lines into a code list. A line without `=` keeps its text as the code and an
 * empty label, so the server names that entry rather than the form dropping it silently.
 */
export function parseDictionary(text: string): DictionaryItem[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/[=＝]/);
      return at < 0
        ? { code: line, label: '' }
        : { code: line.slice(0, at).trim(), label: line.slice(at + 1).trim() };
    });
}

export function draftOf(dataset: StoredDataset): Draft {
  return {
    identifier: dataset.identifier ?? '',
    title: dataset.title,
    description: dataset.description,
    organizationId: dataset.organization.id,
    domains: dataset.domains.map((d) => d.code),
    scenarios: dataset.scenarios.map((d) => d.code),
    tags: joinList(dataset.tags),
    openType: dataset.openType,
    grade: String(dataset.grade),
    classifications: joinList(dataset.classifications),
    updateCycle: dataset.updateCycle,
    updateMethod: dataset.updateMethod,
    licence: dataset.licence.code,
    formats: joinList(dataset.formats),
    recordCount: String(dataset.recordCount),
    primaryKey: joinList(dataset.primaryKey ?? []),
    fields: dataset.fields.map((field) => ({
      ...newField(),
      name: field.name,
      label: field.label,
      type: field.type,
      unit: field.unit ?? '',
      description: field.description ?? '',
      dictionary: formatDictionary(field.dictionary),
      stored: true,
    })),
    contactName: dataset.contact.name ?? '',
    contactPhone: dataset.contact.phone ?? '',
    contactEmail: dataset.contact.email ?? '',
    state: dataset.state,
  };
}

function fieldPayload(field: FieldDraft): Payload {
  const dictionary = parseDictionary(field.dictionary);
  return {
    name: field.name.trim(),
    label: field.label.trim(),
    type: field.type,
    // The API refuses empty strings for these: an empty box means "none".
    ...(field.unit.trim() ? { unit: field.unit.trim() } : {}),
    ...(field.description.trim() ? { description: field.description.trim() } : {}),
    ...(dictionary.length > 0 ? { dictionary } : {}),
  };
}

/** A number as typed: digits become a number; anything else is sent for the server to name. */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The body the API validates. Empty optional boxes are left out (the server applies its
 * defaults on create, and keeps the stored value on edit); required ones are sent as typed, so
 * a missing title comes back as a 400 that names "title".
 */
export function payloadOf(draft: Draft, mode: 'create' | 'edit'): Payload {
  const contact = {
    ...(draft.contactName.trim() ? { name: draft.contactName.trim() } : {}),
    ...(draft.contactPhone.trim() ? { phone: draft.contactPhone.trim() } : {}),
    ...(draft.contactEmail.trim() ? { email: draft.contactEmail.trim() } : {}),
  };
  const payload: Payload = {
    title: draft.title.trim(),
    description: draft.description.trim(),
    domains: draft.domains,
    scenarios: draft.scenarios,
    tags: splitList(draft.tags),
    openType: draft.openType,
    classifications: splitList(draft.classifications),
    formats: splitList(draft.formats),
    fields: draft.fields.map(fieldPayload),
    primaryKey: splitList(draft.primaryKey),
    contact,
  };
  if (draft.organizationId) payload.organizationId = draft.organizationId;
  if (draft.grade) payload.grade = Number(draft.grade);
  if (draft.updateCycle) payload.updateCycle = draft.updateCycle;
  if (draft.updateMethod) payload.updateMethod = draft.updateMethod;
  if (draft.licence) payload.licence = draft.licence;
  if (draft.recordCount.trim()) payload.recordCount = numberOrText(draft.recordCount);
  // Clearing the resource code on edit removes it; a new dataset simply has none.
  if (draft.identifier.trim()) payload.identifier = draft.identifier.trim();
  else if (mode === 'edit') payload.identifier = null;
  if (mode === 'edit') payload.state = draft.state;
  return payload;
}

/**
 * The keys of `next` that differ from `before`: a PATCH sends only what the user changed, so
 * what the datastore learnt meanwhile (record count, field dictionary) is not written back
 * from a form opened earlier.
 */
export function changes(before: Payload, next: Payload): Payload {
  return Object.fromEntries(
    Object.entries(next).filter(
      ([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value),
    ),
  );
}

/**
 * A joi key and its parents, most specific first: `fields[1].dictionary[0].label`,
 * `fields[1].dictionary[0]`, `fields[1].dictionary`, `fields[1]`, `fields`.
 */
export function keyCandidates(key: string): string[] {
  const out = [key];
  let rest = key;
  for (;;) {
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) return out;
    rest = rest.slice(0, cut);
    out.push(rest);
  }
}

export interface PlacedErrors {
  /** Messages by the form key they belong to. */
  byKey: Map<string, string[]>;
  /** Every sentence of the message, in order (the summary lists them all). */
  all: { key: string | undefined; text: string }[];
}

/** Places each sentence of a 400 (`messageSentences`) on the most specific `known` key it names. */
export function placeErrors(message: string, known: ReadonlySet<string>): PlacedErrors {
  const byKey = new Map<string, string[]>();
  const all: PlacedErrors['all'] = [];
  for (const { key: named, text } of messageSentences(message)) {
    const key = named ? keyCandidates(named).find((candidate) => known.has(candidate)) : undefined;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), text]);
    all.push({ key, text });
  }
  return { byKey, all };
}
