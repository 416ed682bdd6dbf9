/// <reference types="vite/client" />
/**
 * Modules generated at build time by theme.ts (see `kaifangVirtualModules`).
 */

declare module 'virtual:kaifang/pages' {
  import type { LocalizedText } from '@kaifang/kernel';

  /** A page a plugin contributed, with a loader for the module defining its element. */
  export interface GeneratedPage {
    path: string;
    element: string;
    plugin: string;
    title: LocalizedText;
    nav: { order: number; label?: LocalizedText } | null;
    /** Listed in a signed-in user's menu (for holders of one of `roles`, or everyone). */
    userMenu: { order: number; label?: LocalizedText; roles?: string[] } | null;
    load(): Promise<unknown>;
  }
  export const pages: GeneratedPage[];

  /** A component a plugin offers for other pages to embed, with a loader for its module. */
  export interface GeneratedComponent {
    element: string;
    plugin: string;
    load(): Promise<unknown>;
  }
  export const components: GeneratedComponent[];
}

declare module 'virtual:kaifang/site' {
  import type { SiteInfo } from '@kaifang/kernel';

  /** The site info the theme was built with; replaced at run time by `GET /api/site`. */
  export const site: SiteInfo;
}
