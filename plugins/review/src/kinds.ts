import type { Principal, Role } from '@kaifang/plugin-auth-sso';
import type { LocalizedText } from '@kaifang/sdk';
import type { EntityManager } from './db.ts';
import type { ReviewItemView } from './view.ts';

/** Who may decide items of a kind. */
export type ReviewerRule =
  /** Anyone holding this role (e.g. platform admins for app showcase submissions). */
  | { role: Role }
  /** Provider admins of the organisation the item's target belongs to (e.g. a dataset's owner). */
  | { organisationAdmins: true };

/**
 * A field the reviewer fills when deciding (e.g. the approved period of a data grant). The
 * label names the input on the decision form and the value on the item page afterwards.
 */
export interface ReviewerField {
  name: string;
  label: LocalizedText;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  /** Required when approving; rejection and return only need the remark. */
  required?: boolean;
  options?: string[];
}

/**
 * How a key of the applicant's submitted `data` is shown to reviewers and applicants (e.g.
 * `reason` → 申请理由 / Reason). Keys without one are shown under the key itself.
 */
export interface DataField {
  /** The key in `data`. */
  name: string;
  label: LocalizedText;
  /**
   * Readable texts for coded values (`conditional` → 有条件开放), by the value as a string; a
   * value without an entry is shown as it is. Applies to each element of an array value too.
   */
  values?: Record<string, LocalizedText>;
}

/** What a kind's callbacks receive; `em` is the decision's transaction. */
export interface OutcomeContext {
  item: ReviewItemView;
  em: EntityManager;
}

export interface ReviewKind {
  /** Unique, lower-case, e.g. `api-management.application`. */
  name: string;
  label: { zh: string; en: string };
  reviewers: ReviewerRule;
  /** The time limit in working days; a deployment may override it (config `deadlines`). */
  workdays: number;
  fields?: ReviewerField[];
  /**
   * Labels for the keys of the submitted `data`, in the order the item page shows them (keys
   * not listed follow, under their own name).
   */
  dataFields?: DataField[];
  /** A short line naming the item in lists and notices; default: the kind's label. */
  describe?(data: Record<string, unknown>): string;
  /**
   * Called inside the decision's transaction: a throw rolls the decision back, so an approval
   * never stands without, say, the grant it creates.
   */
  onApprove?(context: OutcomeContext): Promise<void>;
  onReject?(context: OutcomeContext): Promise<void>;
  onReturn?(context: OutcomeContext): Promise<void>;
}

/** A declared kind with its effective time limit. */
export interface RegisteredKind extends ReviewKind {
  /** The owning plugin, from the tap. */
  plugin: string;
}

const KIND_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/** Collects kinds from the `declareKinds` hook; refuses duplicates and malformed ones. */
export class KindRegistry {
  readonly #kinds = new Map<string, RegisteredKind>();
  #plugin = 'unknown';

  constructor(private readonly overrides: Readonly<Record<string, number>> = {}) {}

  /** Set by the review plugin while it runs one plugin's tap. */
  asPlugin(plugin: string): this {
    this.#plugin = plugin;
    return this;
  }

  declare(kind: ReviewKind): void {
    const where = `plugin '${this.#plugin}' declared review kind '${kind.name}'`;
    if (!KIND_NAME.test(kind.name)) {
      throw new Error(`${where}: a kind name is lower-case words joined by '-' or '.'`);
    }
    if (this.#kinds.has(kind.name)) {
      throw new Error(`${where}, but ${this.#kinds.get(kind.name)?.plugin} already declared it`);
    }
    if (!Number.isInteger(kind.workdays) || kind.workdays < 1) {
      throw new Error(`${where} with workdays ${kind.workdays}; give a whole number of days ≥ 1`);
    }
    checkDataFields(where, kind.dataFields);
    checkFields(where, kind.fields);
    const workdays = this.overrides[kind.name] ?? kind.workdays;
    this.#kinds.set(kind.name, { ...kind, workdays, plugin: this.#plugin });
  }

  get(name: string): RegisteredKind | undefined {
    return this.#kinds.get(name);
  }

  all(): RegisteredKind[] {
    return [...this.#kinds.values()];
  }

  /** Names of configured deadline overrides that match no kind (likely a typo in config). */
  unknownOverrides(): string[] {
    return Object.keys(this.overrides).filter((name) => !this.#kinds.has(name));
  }
}

const isText = (text: unknown): text is LocalizedText =>
  typeof text === 'object' &&
  text !== null &&
  typeof (text as LocalizedText).zh === 'string' &&
  (text as LocalizedText).zh.trim() !== '' &&
  typeof (text as LocalizedText).en === 'string' &&
  (text as LocalizedText).en.trim() !== '';

/** A kind's data labels must be usable on the item page: named once, with both languages. */
function checkDataFields(where: string, fields: readonly DataField[] | undefined): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) throw new Error(`${where}: dataFields must be a list`);
  const seen = new Set<string>();
  for (const field of fields) {
    if (typeof field?.name !== 'string' || field.name === '') {
      throw new Error(`${where}: every entry of dataFields needs a name (the key in data)`);
    }
    if (seen.has(field.name)) {
      throw new Error(`${where}: dataFields names '${field.name}' twice`);
    }
    seen.add(field.name);
    if (!isText(field.label)) {
      throw new Error(
        `${where}: dataFields '${field.name}' needs a label with non-empty zh and en texts`,
      );
    }
    for (const [value, text] of Object.entries(field.values ?? {})) {
      if (!isText(text)) {
        throw new Error(
          `${where}: dataFields '${field.name}' value '${value}' needs a label with non-empty zh and en texts`,
        );
      }
    }
  }
}

const FIELD_TYPES: readonly ReviewerField['type'][] = [
  'text',
  'number',
  'date',
  'boolean',
  'select',
];

/** A kind's reviewer fields label the decision form and the outcome: named once, both languages. */
function checkFields(where: string, fields: readonly ReviewerField[] | undefined): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) throw new Error(`${where}: fields must be a list`);
  const seen = new Set<string>();
  for (const field of fields) {
    if (typeof field?.name !== 'string' || field.name === '') {
      throw new Error(`${where}: every entry of fields needs a name`);
    }
    if (seen.has(field.name)) throw new Error(`${where}: fields names '${field.name}' twice`);
    seen.add(field.name);
    if (!isText(field.label)) {
      throw new Error(
        `${where}: fields '${field.name}' needs a label with non-empty zh and en texts`,
      );
    }
    if (!FIELD_TYPES.includes(field.type)) {
      throw new Error(
        `${where}: fields '${field.name}' has type '${String(field.type)}'; use one of ${FIELD_TYPES.join(', ')}`,
      );
    }
  }
}

/** Whether `principal` may review an item of `kind` whose target belongs to `organisationId`. */
export function mayReview(
  principal: Principal,
  kind: ReviewKind,
  organisationId: string | null | undefined,
): boolean {
  const rule = kind.reviewers;
  if ('role' in rule) return principal.roles.includes(rule.role);
  return (
    principal.roles.includes('provider-admin') &&
    !!organisationId &&
    principal.organisationId === organisationId
  );
}
