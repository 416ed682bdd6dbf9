/**
 * Types shared by the shell's components: the kernel's page contract and the shapes of the
 * JSON the home page reads from plugins' endpoints.
 */
export type { LocalizedText, SiteInfo } from '@kaifang/kernel';

import type { LocalizedText } from '@kaifang/kernel';

/** Plugins may send plain Chinese text or both languages. */
export type MaybeLocalized = string | LocalizedText;

/** `GET /api/v1/domains` */
export interface Domain {
  code: string;
  name: MaybeLocalized;
  /** A URL of an icon image; anything else is ignored and a monogram is shown. */
  icon?: string | null;
  order: number;
  datasetCount: number;
}

export type OpenType = 'unconditional' | 'conditional' | 'closed';

/** One item of `GET /api/v1/datasets` */
export interface DatasetSummary {
  id: string;
  title: MaybeLocalized;
  description?: MaybeLocalized | null;
  organization: { id: string; name: MaybeLocalized };
  updatedAt: string;
  downloads: number;
  views: number;
  formats: string[];
  openType: OpenType;
}

/** `GET /api/v1/stats`: the home page's key figures. */
export interface Stats {
  datasets: number;
  organisations: number;
  apis: number;
  downloads: number;
  applications: number;
}

/** `GET /api/v1/me` when signed in. */
export interface CurrentUser {
  loginName: string;
  realName?: string | null;
  roles: string[];
}

export interface ListOf<T> {
  items: T[];
  total?: number;
}
