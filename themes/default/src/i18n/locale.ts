/**
 * The portal's language: zh-CN first, English second.
 *
 * The choice lives in localStorage so it survives reloads, and `<html lang>` always follows
 * it so screen readers pronounce the page correctly and CSS `:lang()` rules apply. Plugin
 * pages get the language as their `locale` property (set by the outlet) and can also listen
 * for the `kf-locale-change` event on `window`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizedText, MaybeLocalized } from '../types.ts';
import { type MessageKey, messages } from './messages.ts';

export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'kaifang.locale';
export const LOCALE_EVENT = 'kf-locale-change';

let current: Locale = readStoredLocale();

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en') return stored;
  } catch {
    // Storage can be disabled (private mode, policies); Chinese is the default anyway.
  }
  return 'zh-CN';
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but the switch still works for this visit.
  }
  applyLocaleToDocument();
  window.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: { locale } }));
}

/** Sets `<html lang>`; called at start-up and on every change. */
export function applyLocaleToDocument(): void {
  document.documentElement.lang = current;
}

/** Picks the current language's text; plain strings are shown as they are. */
export function localize(text: MaybeLocalized | null | undefined): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return current === 'en' ? text.en || text.zh : text.zh;
}

/** Translates a shell message and fills `{placeholders}`. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return interpolate(localize(messages[key] as LocalizedText), values);
}

export function interpolate(text: string, values?: Record<string, string | number>): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current).format(value);
}

/** Dates are shown in China's time zone whatever the visitor's clock says. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(current, {
    dateStyle: 'medium',
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** Re-renders a Lit element whenever the language changes. */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  private readonly onChange = (): void => this.host.requestUpdate();

  hostConnected(): void {
    window.addEventListener(LOCALE_EVENT, this.onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LOCALE_EVENT, this.onChange);
  }
}
