import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { KaifangError, withTimeout } from '../errors.ts';
import type { HealthReport, KernelHooks } from '../hooks.ts';
import type { SiteInfo } from '../ui.ts';
import { buildOpenApi } from './openapi.ts';

export interface KernelRouteDeps {
  version: string;
  site: SiteInfo;
  hooks: KernelHooks;
  plugins: () => { name: string; version: string }[];
  /** Resolves when the database answers a trivial query. */
  pingDatabase: () => Promise<void>;
}

/** `/api/health`, `/api/site`, `/api/openapi.json` and the docs at `/api/docs`. */
export function addKernelRoutes(server: Server, deps: KernelRouteDeps): void {
  server.route({
    method: 'GET',
    path: '/api/health',
    options: { description: 'Health of the portal and its database', auth: false },
    handler: async (_request, h) => {
      let database: 'up' | 'down' = 'up';
      try {
        await withTimeout(
          deps.pingDatabase(),
          3000,
          () => new KaifangError('database ping timed out'),
        );
      } catch {
        database = 'down';
      }
      const report: HealthReport = await deps.hooks.health.promise({ checks: {} });
      const down = database === 'down' || Object.values(report.checks).includes('down');
      return h
        .response({
          status: down ? 'unavailable' : 'ok',
          version: deps.version,
          plugins: deps.plugins(),
          database,
          ...(Object.keys(report.checks).length > 0 ? { checks: report.checks } : {}),
        })
        .code(down ? 503 : 200)
        .header('cache-control', 'no-store');
    },
  });

  server.route({
    method: 'GET',
    path: '/api/site',
    options: {
      description: 'Site name, contact and licence link (for the portal shell)',
      auth: false,
    },
    handler: () => deps.site,
  });

  server.route({
    method: 'GET',
    path: '/api/openapi.json',
    options: { description: 'This API as an OpenAPI 3 document', auth: false },
    handler: async () =>
      deps.hooks.openapi.call(
        await buildOpenApi(server, {
          title: `${deps.site.name.zh} API`,
          version: deps.version,
          description:
            'Kaifang open-data portal API. Errors are always { statusCode, error, message }.',
        }),
      ),
  });

  addApiDocs(server);
}

const DOCS_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API 文档 · API documentation</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`;

const DOCS_ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);

function addApiDocs(server: Server): void {
  const swaggerDir = dirname(
    createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
  );
  const hidden = { app: { hiddenFromDocs: true }, auth: false as const };
  server.route([
    {
      method: 'GET',
      path: '/api/docs',
      options: hidden,
      handler: (_request, h) => h.response(DOCS_HTML).type('text/html; charset=utf-8'),
    },
    {
      method: 'GET',
      path: '/api/docs/init.js',
      options: hidden,
      handler: (_request, h) => h.response(DOCS_INIT).type('text/javascript; charset=utf-8'),
    },
    {
      method: 'GET',
      path: '/api/docs/assets/{file}',
      options: hidden,
      handler: (request, h) => {
        const file = request.params.file as string;
        if (!DOCS_ASSETS.has(file)) throw Boom.notFound(`no documentation asset '${file}'`);
        return h
          .file(join(swaggerDir, file), { confine: false })
          .header('cache-control', 'public, max-age=86400');
      },
    },
  ]);
}

/**
 * Serves a built theme at `/`: hashed files under `/assets/` are cached for a year, any other
 * path that is not a file gets `index.html` so the shell's client-side router can answer it.
 */
export function serveTheme(server: Server, outDir: string): void {
  const root = resolve(outDir);
  server.route({
    method: 'GET',
    path: '/{path*}',
    options: { app: { hiddenFromDocs: true }, auth: false },
    handler: async (request, h) => {
      const path = (request.params.path as string | undefined) ?? '';
      if (path === 'api' || path.startsWith('api/'))
        throw Boom.notFound(`no API route GET /${path}`);
      // Build bookkeeping (e.g. the theme's input hashes) lives in dot-files: never serve them.
      if (path.split('/').some((segment) => segment.startsWith('.'))) throw Boom.notFound();
      const file = resolve(root, path);
      if (path && file.startsWith(root + sep) && (await isFile(file))) {
        const immutable = path.startsWith('assets/');
        return h
          .file(file, { confine: root })
          .header(
            'cache-control',
            immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
          );
      }
      if (!(await isFile(join(root, 'index.html')))) {
        throw Boom.serverUnavailable(
          `the theme is not built in ${root}; run npm start to build it`,
        );
      }
      return h
        .file(join(root, 'index.html'), { confine: root })
        .header('cache-control', 'no-cache');
    },
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
