import { AsyncSeriesWaterfallHook } from '@kaifang/sdk';

/** Published datasets per domain or scenario code. */
export type DatasetCounts = Map<string, number>;

/** Hooks the domains plugin offers. */
export function createDomainsHooks() {
  return {
    /**
     * Asked whenever domains are listed: a plugin that holds datasets (the catalog) adds its
     * counts of published datasets per code. Domains itself knows nothing about datasets, so
     * it works without the catalog and the catalog depends on it, never the reverse.
     */
    datasetCounts: new AsyncSeriesWaterfallHook<[DatasetCounts]>(['counts']),
  };
}

export type DomainsHooks = ReturnType<typeof createDomainsHooks>;
