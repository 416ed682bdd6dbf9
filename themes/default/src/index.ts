/**
 * The default theme's browser API. A district theme's entry imports this, adds its own
 * stylesheet and elements, and calls `startPortal`:
 *
 *   import { startPortal } from '@kaifang/theme-default/browser';
 *   import './tokens.css';
 *   import { DezhouHero } from './dezhou-hero.ts';
 *   startPortal({ elements: { 'kf-hero': DezhouHero } });
 */
import './styles/tokens.css';
import './styles/shell.css';
import { components } from 'virtual:kaifang/pages';
import { KfFooter } from './components/kf-footer.ts';
import { KfHeader } from './components/kf-header.ts';
import { KfLangSwitch } from './components/kf-lang-switch.ts';
import { KfNav } from './components/kf-nav.ts';
import { KfOutlet } from './components/kf-outlet.ts';
import { KfSearchBox } from './components/kf-search-box.ts';
import { KfSkipLink } from './components/kf-skip-link.ts';
import { KfState } from './components/kf-state.ts';
import { KfText } from './components/kf-text.ts';
import { KfUserMenu } from './components/kf-user-menu.ts';
import { KfDatasetList } from './home/kf-dataset-list.ts';
import { KfDomainGrid } from './home/kf-domain-grid.ts';
import { KfHero } from './home/kf-hero.ts';
import { KfHome } from './home/kf-home.ts';
import { KfKeyFigures } from './home/kf-key-figures.ts';
import { applyLocaleToDocument } from './i18n/locale.ts';
import { startRouter } from './router.ts';
import { refreshSite } from './site.ts';

export { ApiResource, type ApiResult, type ApiState, getJson, isListOf, isRecord } from './api.ts';
export { baseStyles } from './components/shared-styles.ts';
export {
  formatDate,
  formatNumber,
  getLocale,
  type Locale,
  LocaleController,
  localize,
  setLocale,
  t,
} from './i18n/locale.ts';
export { locationStore, type NavEntry, navEntries, navigate, type Route } from './router.ts';
export { siteStore } from './site.ts';
export { Store, StoreController } from './store.ts';
export type * from './types.ts';
export {
  KfDatasetList,
  KfDomainGrid,
  KfFooter,
  KfHeader,
  KfHero,
  KfHome,
  KfKeyFigures,
  KfLangSwitch,
  KfNav,
  KfOutlet,
  KfSearchBox,
  KfSkipLink,
  KfState,
  KfText,
  KfUserMenu,
};

/** Every element of the default theme, by tag name. */
export const defaultElements: Readonly<Record<string, CustomElementConstructor>> = {
  'kf-text': KfText,
  'kf-skip-link': KfSkipLink,
  'kf-state': KfState,
  'kf-search-box': KfSearchBox,
  'kf-lang-switch': KfLangSwitch,
  'kf-user-menu': KfUserMenu,
  'kf-nav': KfNav,
  'kf-header': KfHeader,
  'kf-footer': KfFooter,
  'kf-outlet': KfOutlet,
  'kf-hero': KfHero,
  'kf-key-figures': KfKeyFigures,
  'kf-domain-grid': KfDomainGrid,
  'kf-dataset-list': KfDatasetList,
  'kf-home': KfHome,
};

export interface PortalOptions {
  /**
   * Elements that replace the default ones with the same tag name, or add new ones.
   * A custom element can be defined only once, so replacement happens here, before the
   * defaults are registered.
   */
  elements?: Record<string, CustomElementConstructor>;
}

/** Defines the elements, applies the language and starts routing. Call once per page. */
export function startPortal(options: PortalOptions = {}): void {
  applyLocaleToDocument();
  const elements = { ...defaultElements, ...options.elements };
  for (const [tag, element] of Object.entries(elements)) {
    // An element someone defined earlier by hand also wins over the default.
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  startRouter();
  void refreshSite();
  loadComponents();
}

/**
 * Defines the elements plugins offer for embedding (the datastore's preview inside the
 * catalog's dataset page, say). Each is its own chunk, fetched after the first paint; an element
 * already in a page upgrades when its definition arrives.
 */
function loadComponents(): void {
  for (const component of components) {
    component.load().catch((error: unknown) => {
      console.error(
        `component <${component.element}> of plugin "${component.plugin}" failed to load`,
        error,
      );
    });
  }
}
