import { EntitySchema } from '@kaifang/sdk';

export type DomainKind = 'base' | 'extra' | 'scenario';

export interface Domain {
  code: string;
  kind: DomainKind;
  nameZh: string;
  nameEn: string;
  icon: string;
  order: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One row per domain or scenario category; base rows are re-asserted on every start. */
export const DomainSchema = new EntitySchema<Domain>({
  name: 'Domain',
  tableName: 'domains_domain',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    kind: { type: 'string', length: 16 },
    nameZh: { type: 'string', length: 50, fieldName: 'name_zh' },
    nameEn: { type: 'string', length: 100, fieldName: 'name_en' },
    icon: { type: 'string', length: 32 },
    order: { type: 'integer', fieldName: 'sort_order' },
    enabled: { type: 'boolean' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
