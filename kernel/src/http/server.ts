import Boom from '@hapi/boom';
import Hapi, {
  type Request,
  type ResponseToolkit,
  type Server,
  type ServerRoute,
} from '@hapi/hapi';
import Inert from '@hapi/inert';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { validationMessage } from './validation-messages.ts';

/** A route as a plugin declares it: the path is relative to the plugin's prefix. */
export type RouteSpec = ServerRoute;

declare module '@hapi/hapi' {
  interface Request {
    /** An EntityManager forked for this request (its identity map dies with the request). */
    readonly em: EntityManager;
    /** The kernel's logger, tagged with this request's id. */
    readonly logger: Logger;
  }
  interface PluginSpecificConfiguration {
    /** Set by the kernel on every plugin route: which plugin owns it. */
    kaifang?: { plugin: string };
  }
  interface RouteOptionsApp {
    /** Kernel-internal routes (docs assets, the theme) stay out of the OpenAPI document. */
    hiddenFromDocs?: boolean;
  }
}

/** The one error shape every client sees: `{ statusCode, error, message }`, never a stack. */
function normaliseErrors(request: Request, h: ResponseToolkit) {
  const response = request.response;
  if (!Boom.isBoom(response)) return h.continue;
  const { statusCode } = response.output;
  if (statusCode >= 500) {
    request.logger.error({ err: loggable(response), path: request.path }, 'request failed');
  }
  const { error, message } = response.output.payload;
  response.output.payload = { statusCode, error, message };
  return h.continue;
}

/**
 * Database errors carry the SQL and its parameters in their message (`<sql> - <reason>`) and
 * the offending values in `detail`, and those are often personal data: log only the reason,
 * the codes and the stack frames.
 */
export function loggable(error: Error): Record<string, unknown> | Error {
  const database = error as Error & {
    severity?: string;
    sqlState?: string;
    code?: string;
    sqlMessage?: string;
    table?: string;
    constraint?: string;
  };
  if (!database.severity && !database.sqlState && !database.sqlMessage) return error;
  return {
    type: error.name,
    code: database.code ?? database.sqlState,
    table: database.table,
    constraint: database.constraint,
    message: database.sqlMessage ?? error.message.split(' - ').pop(),
    stack: error.stack?.split('\n').slice(1).join('\n'),
  };
}

/** Joi names the key and the rule ("\"loginName\" is required"); clients get that text. */
function rejectInvalid(request: Request, _h: ResponseToolkit, error?: Error): never {
  if (!error) throw Boom.badRequest('invalid request');
  const language = request.headers['accept-language'];
  throw Boom.badRequest(
    validationMessage(error, typeof language === 'string' ? language : undefined),
  );
}

export async function createHttpServer(options: {
  port: number;
  host: string;
  logger: Logger;
  orm: () => MikroORM;
}): Promise<Server> {
  const server = Hapi.server({
    port: options.port,
    host: options.host,
    debug: false,
    router: { stripTrailingSlash: true },
    routes: {
      validate: { failAction: rejectInvalid, options: { abortEarly: false } },
      payload: { failAction: rejectInvalid },
      response: { emptyStatusCode: 204 },
      security: {
        noSniff: true,
        xframe: 'sameorigin',
        referrer: 'strict-origin-when-cross-origin',
      },
    },
  });
  await server.register(Inert);
  // A fork is cheap (an empty identity map); each request gets its own, never a shared one.
  server.decorate('request', 'em', (() => options.orm().em.fork()) as never, { apply: true });
  server.decorate(
    'request',
    'logger',
    ((request: Request) => options.logger.child({ req: request.info.id })) as never,
    {
      apply: true,
    },
  );
  server.ext('onPreResponse', normaliseErrors);
  server.events.on('response', (request) => {
    const status = Boom.isBoom(request.response)
      ? request.response.output.statusCode
      : request.response?.statusCode;
    options.logger.debug(
      {
        req: request.info.id,
        method: request.method,
        path: request.path,
        status,
        ms: Date.now() - request.info.received,
      },
      'request',
    );
  });
  return server;
}
