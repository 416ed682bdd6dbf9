import type { CatalogContent } from '@kaifang/plugin-catalog';
import { DATASETS } from './datasets.ts';
import { ORGANISATIONS } from './organisations.ts';

/** The Dezhou demo catalogue: providing departments and their datasets. */
export const DEZHOU_CONTENT: CatalogContent = { organisations: ORGANISATIONS, datasets: DATASETS };
