import type { Principal, Role } from '@kaifang/plugin-auth-sso';
import type { EntityManager } from './db.ts';
import type { ReviewItemView } from './view.ts';

/** Who may decide items of a kind. */
export type ReviewerRule =
  /** Anyone holding this role (e.g. platform admins for app showcase submissions). */
  | { role: Role }
  /** Provider admins of the organisation the item's target belongs to (e.g. a dataset's owner). */
  | { organisationAdmins: true };

/** A field the reviewer fills when deciding (e.g. the approved period of a data grant). */
export interface ReviewerField {
  name: string;
  label: { zh: string; en: string };
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  /** Required when approving; rejection and return only need the remark. */
  required?: boolean;
  options?: string[];
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
