/**
 * Site facts shown by the header and footer. The values baked into the build make the first
 * paint right; `GET /api/site` then brings any change made to the deployment's config since.
 */
import { site as baked } from 'virtual:kaifang/site';
import { getJson, isRecord } from './api.ts';
import { Store } from './store.ts';
import type { SiteInfo } from './types.ts';

export const siteStore = new Store<SiteInfo>(baked);

function isSiteInfo(value: unknown): value is SiteInfo {
  return (
    isRecord(value) &&
    isRecord(value.name) &&
    typeof value.name.zh === 'string' &&
    isRecord(value.contact) &&
    typeof value.licenseUrl === 'string'
  );
}

export async function refreshSite(): Promise<void> {
  const result = await getJson('/api/site', isSiteInfo);
  if (result.status === 'ok') siteStore.set(result.data);
}
