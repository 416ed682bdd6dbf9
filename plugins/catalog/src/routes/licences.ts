import type { ServerRoute } from '@kaifang/sdk';
import type { Licence } from '../licences.ts';

/** The licences a dataset may carry: the built-in ones and the deployment's (config). */
export function licenceRoutes(deps: { licences: ReadonlyMap<string, Licence> }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/licences',
      options: { description: 'The licences a dataset may carry (code, name, url, summary)' },
      handler: () => {
        const items = [...deps.licences.values()];
        return { total: items.length, items };
      },
    },
  ];
}
