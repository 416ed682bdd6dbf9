/**
 * `<kf-outlet>`: shows the current route inside `<main>`: the home page, a plugin's page,
 * "not available yet" for a section no plugin provides, or 404.
 *
 * It renders into light DOM so plugin pages sit in the document tree: a theme can style
 * their `::part`s from its stylesheet, and tokens on `:root` reach them like any element.
 *
 * Each plugin page element gets three properties, updated on every change:
 * `params` (route parameters), `query` (URLSearchParams) and `locale` ('zh-CN' | 'en').
 */
import type { GeneratedPage } from 'virtual:kaifang/pages';
import { html, LitElement } from 'lit';
import { getLocale, LocaleController, localize, t } from '../i18n/locale.ts';
import { locationStore, type RouterLocation } from '../router.ts';
import { siteStore } from '../site.ts';
import { StoreController } from '../store.ts';

/** A page module that has not defined its element by then is reported as broken. */
const DEFINE_TIMEOUT_MS = 15_000;

type LoadState = 'loading' | 'ready' | 'error';

/** The properties the shell sets on a plugin page element. */
export interface PageElement extends HTMLElement {
  params?: Record<string, string>;
  query?: URLSearchParams;
  locale?: string;
}

export class KfOutlet extends LitElement {
  private readonly location = new StoreController(this, locationStore);
  private readonly site = new StoreController(this, siteStore);
  private readonly loads = new Map<GeneratedPage, LoadState>();
  private current?: { page: GeneratedPage; element: PageElement };

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private load(page: GeneratedPage): LoadState {
    const known = this.loads.get(page);
    if (known) return known;
    this.loads.set(page, 'loading');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`<${page.element}> was not defined`)), DEFINE_TIMEOUT_MS),
    );
    Promise.race([page.load().then(() => customElements.whenDefined(page.element)), timeout])
      .then(() => this.loads.set(page, 'ready'))
      .catch((error: unknown) => {
        console.error(`[kaifang] page ${page.path} of plugin "${page.plugin}" failed`, error);
        this.loads.set(page, 'error');
      })
      .finally(() => this.requestUpdate());
    return 'loading';
  }

  private pageElement(
    page: GeneratedPage,
    location: RouterLocation,
    params: Record<string, string>,
  ) {
    if (this.current?.page !== page) {
      this.current = { page, element: document.createElement(page.element) as PageElement };
    }
    const { element } = this.current;
    element.params = params;
    element.query = location.query;
    element.locale = getLocale();
    return element;
  }

  private retry(page: GeneratedPage): void {
    this.loads.delete(page);
    this.requestUpdate();
  }

  override render() {
    const location = this.location.value;
    const route = location.route;
    switch (route.kind) {
      case 'home':
        this.current = undefined;
        return html`<kf-home></kf-home>`;
      case 'page': {
        const state = this.load(route.page);
        if (state === 'ready') return this.pageElement(route.page, location, route.params);
        if (state === 'loading') return html`<kf-state kind="loading"></kf-state>`;
        return html`<kf-state kind="error" level="1" heading=${t('state.pageError')}>
          <button class="kf-button" type="button" @click=${() => this.retry(route.page)}>
            ${t('state.retry')}
          </button>
        </kf-state>`;
      }
      case 'unavailable':
        this.current = undefined;
        return html`<kf-state
          kind="unavailable"
          level="1"
          message=${t('state.unavailableHint', { title: localize(route.title) })}
        >
          <a class="kf-button" href="/">${t('state.backHome')}</a>
        </kf-state>`;
      default:
        this.current = undefined;
        return html`<kf-state kind="not-found" level="1">
          <a class="kf-button" href="/">${t('state.backHome')}</a>
        </kf-state>`;
    }
  }

  protected override updated(): void {
    const site = localize(this.site.value.name);
    const title = this.location.value.route.title;
    document.title = title ? `${localize(title)} - ${site}` : site;
  }
}
