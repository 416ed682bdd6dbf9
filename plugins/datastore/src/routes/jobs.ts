import { Boom, Joi, type Request, type ServerRoute } from '@kaifang/sdk';
import type pg from 'pg';
import type { CatalogPort } from '../catalog-port.ts';
import { readJob, viewJob } from '../ingest/job.ts';
import { principalOf } from '../service.ts';

export interface JobRouteDeps {
  pool: () => pg.Pool;
  catalog: () => CatalogPort;
}

const idParams = Joi.object({ id: Joi.string().uuid().required() });

export function jobRoutes(deps: JobRouteDeps): ServerRoute[] {
  /** The job, if the principal uploaded it or administers its dataset; else 404 (no probing). */
  const visibleJob = async (request: Request, id: string) => {
    const principal = principalOf(request);
    const row = await readJob(deps.pool(), id);
    if (row && principal) {
      if (row.created_by === principal.userId) return row;
      const dataset = await deps.catalog().dataset(row.dataset_id);
      if (dataset && deps.catalog().manages(dataset, principal)) return row;
    }
    throw Boom.notFound(`no ingest job with id ${id}`);
  };
  return [
    {
      method: 'GET',
      path: '/jobs/{id}',
      options: {
        description: 'The state and progress of an ingest job (phase, rows done, percent, error)',
        auth: { mode: 'required' },
        validate: { params: idParams },
      },
      handler: async (request) =>
        viewJob(await visibleJob(request, (request.params as { id: string }).id)),
    },
    {
      method: 'POST',
      path: '/jobs/{id}/cancel',
      options: {
        description: 'Cancel a queued or running ingest; the previous data stays as it was',
        auth: { mode: 'required' },
        validate: { params: idParams },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const row = await visibleJob(request, id);
        if (row.state !== 'queued' && row.state !== 'running') {
          throw Boom.conflict(
            `job ${id} is already ${row.state}; only queued or running jobs can be cancelled`,
          );
        }
        if (row.readable_at) {
          throw Boom.conflict(
            `job ${id} has already published its rows and is only building indexes; upload the previous file again to go back`,
          );
        }
        await deps
          .pool()
          .query('update datastore_ingest set cancel_requested = true where id = $1', [id]);
        return viewJob((await readJob(deps.pool(), id))!);
      },
    },
    {
      method: 'GET',
      path: '/datasets/{id}/jobs',
      options: {
        description: "A dataset's recent ingest jobs, newest first (its administrators only)",
        auth: { mode: 'required' },
        validate: { params: idParams },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const dataset = await deps.catalog().dataset(id);
        if (!dataset || !deps.catalog().manages(dataset, principalOf(request))) {
          throw Boom.notFound(`no dataset with id ${id} that you administer`);
        }
        const result = await deps
          .pool()
          .query(
            'select * from datastore_ingest where dataset_id = $1 order by created_at desc limit 50',
            [id],
          );
        return { items: result.rows.map(viewJob) };
      },
    },
  ];
}
