/**
 * Which pages this portal has, from the route table the shell itself routes with (the theme
 * build's `virtual:kaifang/pages`, made from every configured plugin's `ui.pages`). The
 * publisher's pages link to other plugins' pages (upload data, security review) only when the
 * deployment runs them, without the catalog importing or naming those plugins.
 */
import { pages } from 'virtual:kaifang/pages';

/** True when some plugin contributed a page at exactly this route pattern, e.g. `/data/:id`. */
export function hasPage(pattern: string): boolean {
  return pages.some((page) => page.path === pattern);
}

/** `pattern` with `:id` filled in, or undefined when the portal has no such page. */
export function pageLink(pattern: string, id: string): string | undefined {
  return hasPage(pattern) ? pattern.replace(':id', encodeURIComponent(id)) : undefined;
}
