import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import {
  Boom,
  type Clock,
  type Jobs,
  Joi,
  type Request,
  type ServerRoute,
  type Storage,
} from '@kaifang/sdk';
import type pg from 'pg';
import type { CatalogPort } from '../catalog-port.ts';
import { UPDATE_METHODS, type UpdateMethod } from '../entities/ingest.ts';
import { detectEncoding, detectFormat, FileProblem, type TextEncoding } from '../ingest/detect.ts';
import { insertJob } from '../ingest/job.ts';
import { principalOf } from '../service.ts';

export interface UploadDeps {
  pool: () => pg.Pool;
  catalog: () => CatalogPort;
  jobs: () => Jobs;
  storage: Storage;
  clock: Clock;
  maxUploadBytes: number;
  /** Whether the principal may upload to datasets of this organisation (auth-sso permission). */
  mayUpload(principal: ReturnType<typeof principalOf>, organisationId: string): boolean;
}

/** hapi's description of a multipart file part written to a temporary file. */
interface UploadedFile {
  filename: string;
  path: string;
  bytes: number;
  headers: Record<string, string>;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const ENCODINGS: Record<string, TextEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  gb2312: 'gb18030',
};

export function uploadRoutes(deps: UploadDeps): ServerRoute[] {
  /** The dataset, if the principal may upload to it; else the 4xx. */
  const uploadTarget = async (request: Request) => {
    const { id } = request.params as { id: string };
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
      throw Boom.badRequest('"id" must be a valid GUID');
    }
    const dataset = await deps.catalog().dataset(id);
    if (!dataset) throw Boom.notFound(`no dataset with id ${id}`);
    if (!deps.mayUpload(principalOf(request), dataset.organisationId)) {
      throw Boom.forbidden(
        `only the providing organisation's admins (or a platform admin) upload data to dataset ${id}`,
      );
    }
    return dataset;
  };
  return [
    {
      method: 'POST',
      path: '/datasets/{id}/resources',
      options: {
        description:
          'Upload a CSV, XLSX or JSON file to a dataset; it is loaded by a background job',
        notes:
          "multipart/form-data with the file in field `file`. Optional fields: `method` (full, incremental, primary-key; default the dataset's update method), `primaryKey` (comma-separated field names), `encoding` (utf-8, gbk, gb18030; default detected). Answers 202 { jobId }; follow GET /jobs/{jobId}.",
        auth: { mode: 'required' },
        // Checked before the body is read: a refused upload costs no disk and no bandwidth.
        ext: {
          onCredentials: {
            method: async (request, h) => {
              await uploadTarget(request);
              return h.continue;
            },
          },
        },
        payload: {
          // Parts go to temporary files as they arrive: memory stays flat for any size.
          output: 'file',
          parse: true,
          multipart: { output: 'file' },
          maxBytes: deps.maxUploadBytes,
          allow: 'multipart/form-data',
        },
        validate: {
          params: Joi.object({ id: Joi.string().uuid().required() }),
          payload: Joi.object({
            file: Joi.object({
              filename: Joi.string().allow('').required(),
              path: Joi.string().required(),
            })
              .unknown(true)
              .required()
              .messages({ 'object.base': '"file" must be a file part (multipart filename given)' }),
            method: Joi.string().valid(...UPDATE_METHODS),
            primaryKey: Joi.string().max(500),
            encoding: Joi.string()
              .lowercase()
              .valid(...Object.keys(ENCODINGS), 'auto'),
          }),
        },
      },
      handler: async (request, h) => {
        const payload = request.payload as {
          file: UploadedFile;
          method?: UpdateMethod;
          primaryKey?: string;
          encoding?: string;
        };
        const file = payload.file;
        try {
          const { id } = request.params as { id: string };
          const principal = principalOf(request);
          const dataset = await uploadTarget(request);
          const fileName = file.filename || 'upload';
          if (file.bytes === 0) throw Boom.badRequest(`'${fileName}' is empty`);
          const head = await readHead(file.path);
          let format: ReturnType<typeof detectFormat>;
          try {
            format = detectFormat(fileName, head);
          } catch (error) {
            if (error instanceof FileProblem) throw Boom.unsupportedMediaType(error.message);
            throw error;
          }
          const declared =
            payload.encoding && payload.encoding !== 'auto'
              ? ENCODINGS[payload.encoding]
              : undefined;
          const encoding = format === 'xlsx' ? null : (declared ?? detectEncoding(head));
          const method = payload.method ?? dataset.updateMethod;
          const primaryKey = (payload.primaryKey ?? '')
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '');
          const jobId = randomUUID();
          // The original is stored for the job to read; it holds unmasked values, so it is
          // deleted `uploads.keepDays` after the load finished (ingest/retention.ts).
          const fileKey = `uploads/${id}/${jobId}.${format}`;
          const stored = await deps.storage.put(fileKey, createReadStream(file.path));
          await insertJob(deps.pool(), {
            id: jobId,
            datasetId: id,
            method,
            fileKey,
            fileName,
            format,
            encoding,
            primaryKey,
            bytesTotal: stored.size,
            createdBy: principal?.userId ?? null,
            now: deps.clock.now(),
          });
          await deps.jobs().send('ingest', { ingestId: jobId });
          return h
            .response({ jobId, status: `/api/v1/jobs/${jobId}`, format, encoding, method })
            .code(202);
        } finally {
          await rm(file.path, { force: true });
        }
      },
    },
  ];
}
