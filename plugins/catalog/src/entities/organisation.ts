import { EntitySchema } from '@kaifang/sdk';
import type { OrganisationDescription } from '../model.ts';

/** A providing department (数据提供部门). */
export interface OrganisationRow extends OrganisationDescription {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export const OrganisationSchema = new EntitySchema<OrganisationRow>({
  name: 'CatalogOrganisation',
  tableName: 'catalog_organisation',
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'string', length: 64, unique: true },
    name: { type: 'string', length: 100 },
    shortName: { type: 'string', length: 50, nullable: true, fieldName: 'short_name' },
    description: { type: 'text' },
    contact: { type: 'json' },
    order: { type: 'integer', fieldName: 'sort_order' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
