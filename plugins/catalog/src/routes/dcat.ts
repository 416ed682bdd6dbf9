import {
  Joi,
  type LocalizedText,
  type Request,
  type ServerRoute,
  type SiteInfo,
} from '@kaifang/sdk';
import { catalogDocument, DCAT_MEDIA_TYPE, defaultDistributions } from '../dcat.ts';
import type { CatalogHooks } from '../hooks.ts';
import { MAX_PAGE_SIZE } from '../service.ts';
import type { CatalogStore } from '../store.ts';

/** `2026-10-01`, `2026-10-01T08:00`, `2026-10-01T08:00:00.5Z`, `…+08:00`; no zone = China time. */
const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time; one without a zone is read in China Standard Time. */
export function parseModifiedSince(value: string): Date | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [, day, time = '00:00:00', zone = '+08:00'] = match;
  const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${day}T${time}${offset}`);
  // `new Date` rolls 2026-02-30 over to March; a day that does not exist is refused.
  if (Number.isNaN(date.getTime())) return undefined;
  const [year, month, dayOfMonth] = day!.split('-').map(Number);
  const check = new Date(Date.UTC(year!, month! - 1, dayOfMonth!));
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== dayOfMonth) return undefined;
  return date;
}

const DEFAULT_PAGE_SIZE = 100;

export const dcatQuery = Joi.object({
  page: Joi.number().integer().min(1).max(1_000_000).default(1),
  pageSize: Joi.number().integer().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  modified_since: Joi.string()
    .max(40)
    // Kept as written (the page links repeat it); the handler reads the instant.
    .custom((value: string, helpers) =>
      parseModifiedSince(value) ? value : helpers.error('any.invalid'),
    )
    .messages({
      'any.invalid':
        '"modified_since" must be an ISO 8601 date or date-time, e.g. 2026-10-01 or 2026-10-01T08:00:00+08:00',
    }),
});

export interface DcatRouteDeps {
  store: () => CatalogStore;
  hooks: CatalogHooks;
  site: SiteInfo;
  /** The portal's public URL from config; else the origin the request was sent to. */
  publicUrl?: string;
  publisher?: LocalizedText;
  /** The route prefix (`/api/v1`), for the page links. */
  prefix: string;
}

function baseUrlOf(request: Request, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.server.info.protocol}://${request.info.host}`;
}

/** The catalogue for harvesters (DCAT JSON-LD, paged like CKAN's ckanext-dcat). */
export function dcatRoutes(deps: DcatRouteDeps): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/catalog.jsonld',
      options: {
        description:
          'The published catalogue as DCAT JSON-LD for harvesters; `page`, `pageSize` (≤ 100) and `modified_since` (ISO 8601) page it with hydra links',
        validate: { query: dcatQuery },
      },
      handler: async (request, h) => {
        const query = request.query as { page: number; pageSize: number; modified_since?: string };
        const { page, pageSize } = query;
        const rawSince = query.modified_since;
        const since = rawSince ? parseModifiedSince(rawSince) : undefined;
        const baseUrl = baseUrlOf(request, deps.publicUrl);
        const store = deps.store();
        const [result, domainNames] = await Promise.all([
          store.publishedPage({
            offset: (page - 1) * pageSize,
            limit: pageSize,
            ...(since ? { modifiedSince: since } : {}),
          }),
          store.domainNames(),
        ]);
        const pageUrl = (n: number) => {
          const params = new URLSearchParams({ page: String(n) });
          if (pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(pageSize));
          if (rawSince) params.set('modified_since', rawSince);
          return `${baseUrl}${deps.prefix}/catalog.jsonld?${params}`;
        };
        const datasets = await Promise.all(
          result.datasets.map(async (dataset) => ({
            dataset,
            distributions: await deps.hooks.dcatDistributions.promise(
              defaultDistributions(baseUrl, dataset),
              { dataset, baseUrl },
            ),
          })),
        );
        const document = catalogDocument({
          baseUrl,
          site: deps.site,
          ...(deps.publisher ? { publisher: deps.publisher } : {}),
          datasets,
          domainNames,
          modified: result.modified,
          paging: { page, pageSize, total: result.total, pageUrl },
        });
        return h.response(document).type(DCAT_MEDIA_TYPE);
      },
    },
  ];
}
