/**
 * `<kf-text zh="…" en="…">`: text in the current language, for content written in
 * index.html (slots of the header and footer) where no script runs.
 */
import { LitElement } from 'lit';
import { LocaleController, localize } from '../i18n/locale.ts';

export class KfText extends LitElement {
  static override properties = { zh: {}, en: {} };
  declare zh: string;
  declare en: string;

  constructor() {
    super();
    this.zh = '';
    this.en = '';
    new LocaleController(this);
  }

  // Plain text in light DOM: it inherits the surrounding styles and is found by search.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render(): string {
    return localize({ zh: this.zh, en: this.en });
  }
}
