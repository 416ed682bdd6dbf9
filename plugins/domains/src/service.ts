import type { DbService, LocalizedText } from '@kaifang/sdk';
import type { DomainDefinition } from './base-domains.ts';
import { BASE_DOMAINS } from './base-domains.ts';
import { type Domain, type DomainKind, DomainSchema } from './entities/domain.ts';
import type { DomainsHooks } from './hooks.ts';

/** `domain` = the base 19 plus a deployment's extra domains; `scenario` = scenario categories. */
export type DomainGroup = 'domain' | 'scenario' | 'all';

export interface DomainView {
  code: string;
  kind: DomainKind;
  /** The Chinese name, exactly as the catalogue specification spells it. */
  name: string;
  nameEn: string;
  /** URL of the icon (SVG); `iconName` is its name in the built-in set. */
  icon: string;
  iconName: string;
  order: number;
  enabled: boolean;
  /** Published datasets in this domain (0 when no catalog plugin supplies counts). */
  datasetCount: number;
}

export interface DomainsApi {
  list(options?: { group?: DomainGroup; includeDisabled?: boolean }): Promise<DomainView[]>;
  get(code: string): Promise<DomainView | undefined>;
  /** Codes among `codes` that are not enabled members of `group`; empty when all are fine. */
  unknownCodes(codes: readonly string[], group: Exclude<DomainGroup, 'all'>): Promise<string[]>;
  /** Names by code (all groups, disabled included) for labelling facets and records. */
  names(): Promise<Map<string, LocalizedText>>;
}

const KINDS_OF: Record<DomainGroup, DomainKind[]> = {
  domain: ['base', 'extra'],
  scenario: ['scenario'],
  all: ['base', 'extra', 'scenario'],
};

export function createDomainsService(deps: {
  db: DbService;
  hooks: DomainsHooks;
  iconBase: string;
}): DomainsApi {
  const { db, hooks, iconBase } = deps;
  const view = (row: Domain, counts: Map<string, number>): DomainView => ({
    code: row.code,
    kind: row.kind,
    name: row.nameZh,
    nameEn: row.nameEn,
    icon: `${iconBase}/${row.icon}.svg`,
    iconName: row.icon,
    order: row.order,
    enabled: row.enabled,
    datasetCount: counts.get(row.code) ?? 0,
  });
  return {
    async list({ group = 'domain', includeDisabled = false } = {}) {
      const rows = await db.fork().find(
        DomainSchema,
        { kind: { $in: KINDS_OF[group] }, ...(includeDisabled ? {} : { enabled: true }) },
        // Base domains first in their fixed order, then the deployment's own.
        { orderBy: { kind: 'asc', order: 'asc', code: 'asc' } },
      );
      const counts = await hooks.datasetCounts.promise(new Map());
      return rows.map((row) => view(row, counts));
    },
    async get(code) {
      const row = await db.fork().findOne(DomainSchema, { code });
      if (!row) return undefined;
      return view(row, await hooks.datasetCounts.promise(new Map()));
    },
    async unknownCodes(codes, group) {
      if (codes.length === 0) return [];
      const rows = await db.fork().find(DomainSchema, {
        code: { $in: [...codes] },
        kind: { $in: KINDS_OF[group] },
        enabled: true,
      });
      const known = new Set(rows.map((row) => row.code));
      return codes.filter((code) => !known.has(code));
    },
    async names() {
      const rows = await db.fork().find(DomainSchema, {});
      return new Map(rows.map((row) => [row.code, { zh: row.nameZh, en: row.nameEn }]));
    },
  };
}

/**
 * Writes the base domains (always: their names are fixed by the specification, so a changed
 * release fixes old rows) and the deployment's configured ones (only when missing: after the
 * first start, platform admins own them and the config must not undo their edits).
 */
export async function seedDomains(
  db: DbService,
  now: Date,
  configured: { extra: DomainDefinition[]; scenarios: DomainDefinition[] },
): Promise<void> {
  const em = db.fork();
  const connection = em.getConnection();
  const rows: [DomainDefinition, DomainKind][] = [
    ...BASE_DOMAINS.map((d): [DomainDefinition, DomainKind] => [d, 'base']),
    ...configured.extra.map((d): [DomainDefinition, DomainKind] => [d, 'extra']),
    ...configured.scenarios.map((d): [DomainDefinition, DomainKind] => [d, 'scenario']),
  ];
  for (const [domain, kind] of rows) {
    const onConflict =
      kind === 'base'
        ? 'do update set kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en, enabled = true'
        : 'do nothing';
    await connection.execute(
      `insert into domains_domain (code, kind, name_zh, name_en, icon, sort_order, enabled, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, true, ?, ?) on conflict (code) ${onConflict}`,
      [domain.code, kind, domain.name.zh, domain.name.en, domain.icon, domain.order, now, now],
    );
  }
}
