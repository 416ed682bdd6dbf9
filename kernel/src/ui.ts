/**
 * The contract between plugins, the kernel and themes for portal pages.
 *
 * A plugin contributes pages as Lit custom elements; the theme's shell mounts them at their
 * route. The kernel collects every configured plugin's pages and hands them to the theme's
 * build, so the theme never needs to know which plugins a deployment runs.
 */

/** Text in the portal's two languages; zh-CN is always required. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface UiPage {
  /** Client-side route, e.g. `/catalog` or `/catalog/:id`. */
  path: string;
  /** Custom element tag the shell creates for this route, e.g. `kf-catalog-page`. */
  element: string;
  /** Absolute path of the ES module that defines the element (bundled by the theme build). */
  module: string;
  /** Page title, shown in the document title and breadcrumbs. */
  title: LocalizedText;
  /** When set, the page also appears in the main navigation at this position. */
  nav?: { order: number; label?: LocalizedText };
  /**
   * When set, signed-in users find the page in their own menu (the theme's 工作台), if they
   * hold one of `roles` (any signed-in user when omitted): the workbench pages of
   * administrators, reviewers and applicants, which the public navigation does not list.
   * Only for paths without parameters. Showing an entry grants nothing: the page's API still
   * checks every request.
   */
  userMenu?: { order: number; label?: LocalizedText; roles?: string[] };
}

/** A page as the theme build sees it: the plugin that contributed it is named. */
export interface ContributedPage extends UiPage {
  plugin: string;
}

/**
 * A custom element a plugin offers for other plugins' pages to embed (e.g. the datastore's
 * data preview inside the catalog's dataset page). The shell loads every component module
 * soon after it starts, each as its own chunk, so the element is defined wherever it is used.
 */
export interface UiComponent {
  /** The custom element tag, e.g. `kf-datastore-preview`. */
  element: string;
  /** Absolute path of the ES module that defines the element. */
  module: string;
}

export interface ContributedComponent extends UiComponent {
  plugin: string;
}

export interface ThemeBuildInput {
  /** Pages of every configured plugin, in plugin start order. */
  pages: ContributedPage[];
  /** Components every configured plugin offers for embedding, in plugin start order. */
  components: ContributedComponent[];
  /** Site facts the shell shows (name, contact phone and e-mail, licence link). */
  site: SiteInfo;
}

export interface SiteInfo {
  name: LocalizedText;
  contact: { phone: string; email: string };
  licenseUrl: string;
}

/**
 * A theme as the kernel sees it. A theme package's default export is one of these
 * (see `defineTheme` in the SDK).
 */
export interface ThemeDefinition {
  name: string;
  /** Directory holding the built assets (index.html and hashed files). */
  outDir: string;
  /**
   * Builds the theme into `outDir` unless an up-to-date build is already there.
   * Called by `kaifang start` before the server listens.
   */
  ensureBuilt(input: ThemeBuildInput): Promise<void>;
}
