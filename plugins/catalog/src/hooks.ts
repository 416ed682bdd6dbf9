import type { Principal } from '@kaifang/plugin-auth-sso';
import { AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook } from '@kaifang/sdk';
import type { DcatDistribution } from './dcat.ts';
import type { Dataset, DatasetInput, Stats } from './model.ts';
import type { IndexDocument } from './search/port.ts';

export interface SaveContext {
  /** The dataset as stored before this save; undefined when creating. */
  existing?: Dataset;
  principal?: Principal;
  /**
   * The plugin whose own workflow asked for this save through the catalog's API (e.g.
   * `data-security` publishing after an approved review); absent for edits over HTTP.
   */
  origin?: string;
}

/** What someone wants to do with a dataset's data (not its metadata, which is public). */
export interface AccessRequest {
  dataset: Dataset;
  principal?: Principal;
  action: 'preview' | 'download' | 'api';
}

export interface AccessDecision {
  allowed: boolean;
  /** Why, in words the user can act on (e.g. "apply for use on the dataset page"). */
  reason: string;
  /** The plugin or grant that decided. */
  by?: string;
}

/** Hooks the catalog offers other plugins. */
export function createCatalogHooks() {
  return {
    /**
     * A dataset is about to be created or changed: validate (throw a Boom error to refuse,
     * e.g. a security review that is not done) or enrich (return the changed input).
     */
    beforeDatasetSave: new AsyncSeriesWaterfallHook<[DatasetInput, SaveContext]>([
      'input',
      'context',
    ]),
    /** The search document is being built: enrich its text (synonyms, extra labels). */
    indexDocument: new AsyncSeriesWaterfallHook<[IndexDocument, Dataset]>(['document', 'dataset']),
    /**
     * May this principal use this dataset's data? The first tap to answer decides. Nobody
     * answering means: unconditional data yes, conditional data no (until a grant plugin,
     * e.g. license-enforcement, answers yes), closed data never.
     */
    accessCheck: new AsyncSeriesBailHook<[AccessRequest], AccessDecision | undefined>(['request']),
    /** A dataset was published (first time or again after a withdrawal). */
    afterPublish: new AsyncSeriesHook<[Dataset]>(['dataset']),
    /** The home page's key figures: plugins that own APIs or applications fill in theirs. */
    stats: new AsyncSeriesWaterfallHook<[Stats]>(['stats']),
    /**
     * A published dataset's distributions in the DCAT export (`/catalog.jsonld`): one per format
     * on the dataset page by default; a plugin that serves the data (the datastore) adds
     * `downloadURL`s or distributions. `baseUrl` is the portal's public URL.
     */
    dcatDistributions: new AsyncSeriesWaterfallHook<
      [DcatDistribution[], { dataset: Dataset; baseUrl: string }]
    >(['distributions', 'context']),
  };
}

export type CatalogHooks = ReturnType<typeof createCatalogHooks>;
