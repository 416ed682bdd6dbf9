/**
 * Views other plugins put on the catalog's dataset page (`/catalog/:id`), in the browser and
 * without importing the catalog's page: a plugin lists a module in its `ui.components`, and
 * that module registers an element for a tab.
 *
 * ```ts
 * import { registerDatasetView } from '@kaifang/plugin-catalog/ui/dataset-views';
 * registerDatasetView({ id: 'preview', label: { zh: '数据预览', en: 'Preview' },
 *   element: 'kf-datastore-preview', order: 20 });
 * ```
 *
 * The page renders `<element dataset-id="…" locale="zh-CN|en">` in the view's tab. The ids
 * `preview` (20), `download` (30) and `api` (40) fill the page's built-in tabs; any other id
 * adds a tab (default order 100), after metadata (0) and data items (10). Registering an id
 * again replaces the view. A page that is already open re-renders when a view arrives later
 * (component modules load after the shell starts), through the `kf-dataset-views-changed`
 * event on `window`.
 *
 * The registry lives on `globalThis`, so two copies of this module (two bundles) share it.
 */

export type DatasetViewId = 'preview' | 'download' | 'api' | (string & {});

export interface DatasetView {
  /** The tab: `preview`, `download`, `api`, or a new one (lower-case letters, digits, `-`). */
  id: DatasetViewId;
  /** The tab's label. */
  label: { zh: string; en: string };
  /** A custom element tag; the page sets its `dataset-id` and `locale` attributes. */
  element: string;
  /** Position among the tabs (metadata 0, data items 10, preview 20, download 30, api 40). */
  order?: number;
  /** `editors`: only shown to those who may edit the dataset (e.g. an upload form). */
  audience?: 'everyone' | 'editors';
}

export const DATASET_VIEWS_CHANGED = 'kf-dataset-views-changed';

/** The built-in tabs' positions; a view with one of these ids takes the place of the tab. */
export const BUILT_IN_VIEW_ORDER: Readonly<Record<string, number>> = {
  preview: 20,
  download: 30,
  api: 40,
};

const KEY = Symbol.for('kaifang.catalog.datasetViews');
const TAG = /^[a-z][a-z0-9._]*(-[a-z0-9._]*)+$/;
const ID = /^[a-z][a-z0-9-]{0,31}$/;

function registry(): Map<string, DatasetView> {
  const holder = globalThis as { [KEY]?: Map<string, DatasetView> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Adds (or replaces, by id) a view of the dataset page. Throws on an invalid id or tag. */
export function registerDatasetView(view: DatasetView): void {
  if (!ID.test(view.id) || view.id === 'metadata')
    throw new Error(`dataset view id '${view.id}' must match ${ID} and not be 'metadata'`);
  if (!TAG.test(view.element))
    throw new Error(`dataset view '${view.id}': '${view.element}' is not a custom element tag`);
  if (!view.label?.zh || !view.label?.en)
    throw new Error(`dataset view '${view.id}' needs a label in zh and en`);
  registry().set(view.id, {
    ...view,
    order: view.order ?? BUILT_IN_VIEW_ORDER[view.id] ?? 100,
    audience: view.audience ?? 'everyone',
  });
  globalThis.dispatchEvent?.(new Event(DATASET_VIEWS_CHANGED));
}

/** The registered views, in tab order. */
export function datasetViews(): Required<DatasetView>[] {
  return [...registry().values()]
    .map((view) => view as Required<DatasetView>)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
