import { Boom, Joi, type ServerRoute, type SiteInfo } from '@kaifang/sdk';
import type pg from 'pg';
import type { CatalogPort, DatasetFacts } from '../catalog-port.ts';
import {
  contentDisposition,
  DOWNLOAD_TYPES,
  type DownloadFormat,
  download,
} from '../download/formats.ts';
import { type DataService, principalOf, type TotalMode } from '../service.ts';
import { MAX_LIMIT, parseFilters, parseSort, QueryProblem } from '../store/query.ts';

export interface DataRouteDeps {
  pool: () => pg.Pool;
  service: () => DataService;
  catalog: () => CatalogPort;
  site: SiteInfo;
  previewRows: number;
  now: () => Date;
  /** Counts a download or an API call (buffered, see counters.ts). */
  count: (datasetId: string, counter: 'downloads' | 'apiCalls') => void;
}

const idParams = Joi.object({ id: Joi.string().uuid().required() });

/** L6: the line every download carries, telling users how to cite the data. */
export function citationOf(dataset: DatasetFacts, site: SiteInfo, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  return `数据来源：${dataset.organisationName}《${dataset.title}》，${site.name.zh}，获取日期 ${day}；许可协议：${dataset.licence.name}（${dataset.licence.url}）。使用本数据请注明来源。`;
}

export function dataRoutes(deps: DataRouteDeps): ServerRoute[] {
  const count = deps.count;
  return [
    {
      method: 'GET',
      path: '/datasets/{id}/preview',
      options: {
        description: "The dataset's first rows and its fields, for the dataset page",
        validate: {
          params: idParams,
          query: Joi.object({
            rows: Joi.number().integer().min(1).max(100).default(deps.previewRows),
          }),
        },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const { rows } = request.query as { rows: number };
        const { table } = await deps.service().readable(id, principalOf(request), 'preview');
        const page = await deps.service().records(table, { limit: rows }, 'none');
        return {
          fields: page.fields,
          records: page.records,
          recordCount: table.recordCount,
          updatedAt: table.updatedAt.toISOString(),
          formats: table.formats,
        };
      },
    },
    {
      method: 'GET',
      path: '/datasets/{id}/records',
      options: {
        description: 'Query the records of a dataset: fields, filters, sort, cursor paging',
        notes:
          'fields=a,b · filters={"区县":"德城区","金额":{"gte":100,"lt":500},"类别":["甲","乙"],"名称":{"contains":"医院"}} · sort=区县,-金额 · limit ≤ 1000 · cursor=<nextCursor> · total=exact|estimate|none',
        validate: {
          params: idParams,
          query: Joi.object({
            fields: Joi.string().max(4000),
            filters: Joi.string().max(20000),
            sort: Joi.string().max(1000),
            limit: Joi.number().integer().min(1).max(MAX_LIMIT).default(100),
            cursor: Joi.string().max(4000),
            total: Joi.string().valid('exact', 'estimate', 'none').default('estimate'),
          }),
        },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const query = request.query as {
          fields?: string;
          filters?: string;
          sort?: string;
          limit: number;
          cursor?: string;
          total: TotalMode;
        };
        const { table } = await deps.service().readable(id, principalOf(request), 'records');
        let filters: ReturnType<typeof parseFilters>;
        try {
          filters = parseFilters(query.filters);
        } catch (error) {
          if (error instanceof QueryProblem) throw Boom.badRequest(error.message);
          throw error;
        }
        const page = await deps.service().records(
          table,
          {
            fields: query.fields
              ?.split(',')
              .map((name) => name.trim())
              .filter((name) => name !== ''),
            filters,
            sort: parseSort(query.sort),
            limit: query.limit,
            cursor: query.cursor,
          },
          query.total,
        );
        count(id, 'apiCalls');
        return page;
      },
    },
    {
      method: 'GET',
      path: '/datasets/{id}/download',
      options: {
        description: 'Download the whole dataset as CSV (UTF-8 with BOM), XLSX, JSON or XML',
        validate: {
          params: idParams,
          query: Joi.object({
            format: Joi.string().lowercase().valid('csv', 'xlsx', 'json', 'xml').default('csv'),
          }),
        },
      },
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const { format } = request.query as { format: DownloadFormat };
        const { dataset, table } = await deps
          .service()
          .readable(id, principalOf(request), 'download');
        const stream = await download(format, {
          pool: deps.pool(),
          table,
          dataset,
          citation: citationOf(dataset, deps.site, deps.now()),
        });
        count(id, 'downloads');
        return h
          .response(stream)
          .type(DOWNLOAD_TYPES[format])
          .header('content-disposition', contentDisposition(dataset.title, dataset.id, format))
          .header('cache-control', 'no-store');
      },
    },
  ];
}
