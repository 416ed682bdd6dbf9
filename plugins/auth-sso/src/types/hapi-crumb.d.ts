// @hapi/crumb ships no type declarations; this is the part of it we use.
declare module '@hapi/crumb' {
  import type { Plugin } from '@hapi/hapi';

  const Crumb: { plugin: Plugin<Record<string, unknown>> };
  export default Crumb;
}
