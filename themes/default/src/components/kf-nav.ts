/**
 * `<kf-nav>`: the main navigation: the fixed sections plus the plugin pages that asked to
 * be listed (`nav` in their page definition). The current section has `aria-current="page"`.
 *
 * @csspart list - the `<ul>`
 * @csspart link - each link
 * @csspart link-current - the current section's link (in addition to `link`)
 */
import { css, html, LitElement } from 'lit';
import { LocaleController, localize, t } from '../i18n/locale.ts';
import { locationStore, navEntries } from '../router.ts';
import { StoreController } from '../store.ts';
import { baseStyles } from './shared-styles.ts';

export function isCurrentSection(entryPath: string, currentPath: string): boolean {
  if (entryPath === '/') return currentPath === '/';
  return currentPath === entryPath || currentPath.startsWith(`${entryPath}/`);
}

export class KfNav extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--kf-nav-background);
        color: var(--kf-nav-color);
        /* The usual ring would vanish on the coloured bar. */
        --kf-sys-focus-outline: var(--kf-nav-focus-outline);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        margin: 0 auto;
        padding: 0 var(--kf-sys-space-m);
        max-width: var(--kf-sys-content-width);
        list-style: none;
      }
      a {
        display: block;
        padding: var(--kf-sys-space-s) var(--kf-sys-space-l);
        color: var(--kf-nav-color);
        font-size: var(--kf-sys-font-size-l);
        line-height: 2.25rem;
        text-decoration: none;
        border-bottom: 3px solid transparent;
      }
      a:hover {
        background: var(--kf-nav-hover-background);
      }
      a[aria-current='page'] {
        background: var(--kf-nav-active-background);
        color: var(--kf-nav-active-color);
        border-bottom-color: var(--kf-nav-active-indicator);
        font-weight: 600;
      }
      a:focus-visible {
        outline-offset: -3px;
      }
      @media (max-width: 640px) {
        /* One row that scrolls sideways, as phone users expect, instead of a wrapped block. */
        ul {
          flex-wrap: nowrap;
          overflow-x: auto;
          scrollbar-width: none;
          padding: 0;
        }
        ul::-webkit-scrollbar {
          display: none;
        }
        li {
          flex: none;
        }
        a {
          padding: var(--kf-sys-space-xs) var(--kf-sys-space-m);
          font-size: var(--kf-sys-font-size-m);
        }
      }
    `,
  ];

  private readonly location = new StoreController(this, locationStore);

  constructor() {
    super();
    new LocaleController(this);
  }

  /** On a narrow screen the current section may sit off to the side: bring it into view. */
  protected override updated(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('ul');
    const link = this.renderRoot.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!list || !link || list.scrollWidth <= list.clientWidth) return;
    const box = list.getBoundingClientRect();
    const item = link.getBoundingClientRect();
    if (item.left < box.left || item.right > box.right)
      list.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
  }

  override render() {
    const current = this.location.value.path;
    return html`
      <nav aria-label=${t('nav.label')}>
        <ul part="list">
          ${navEntries.map((entry) => {
            const active = isCurrentSection(entry.path, current);
            return html`<li>
              <a
                part=${active ? 'link link-current' : 'link'}
                href=${entry.path}
                aria-current=${active ? 'page' : 'false'}
                >${localize(entry.label)}</a
              >
            </li>`;
          })}
        </ul>
      </nav>
    `;
  }
}
