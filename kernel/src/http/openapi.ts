import type { Server } from '@hapi/hapi';
import type { Schema } from 'joi';
import type parseJoi from 'joi-to-json';

export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description?: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] };

// Loaded when the document is first asked for, not at every start.
let parse: typeof parseJoi | undefined;

function toJsonSchema(schema: unknown): JsonSchema {
  return parse!(schema as never, 'open-api') as JsonSchema;
}

function isJoi(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && 'describe' in value && '$_root' in value;
}

function parametersOf(location: 'path' | 'query', schema: unknown, path: string) {
  if (isJoi(schema)) {
    const json = toJsonSchema(schema);
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      schema: property,
    }));
  }
  if (location === 'query') return [];
  // Undeclared path parameters are still parameters.
  return [...path.matchAll(/\{(\w+)\??\*?\d*\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

const ERROR = { $ref: '#/components/schemas/Error' };

/** Builds an OpenAPI 3 document from the routes hapi holds and the joi schemas on them. */
export async function buildOpenApi(
  server: Server,
  info: OpenApiDocument['info'],
): Promise<OpenApiDocument> {
  parse ??= (await import('joi-to-json')).default;
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  for (const route of server.table()) {
    const settings = route.settings;
    if (!route.path.startsWith('/api') || settings.app?.hiddenFromDocs) continue;
    const path = route.path.replace(/\{(\w+)\*?\d*\}/g, '{$1}').replace(/\{(\w+)\?\}/g, '{$1}');
    const owner = settings.plugins?.kaifang?.plugin ?? 'kernel';
    tags.add(owner);
    const validate = settings.validate ?? {};
    const payload = settings.payload;
    const multipart = Boolean(payload && 'multipart' in payload && payload.multipart);
    const operation: Record<string, unknown> = {
      tags: [owner],
      summary: settings.description,
      description: settings.notes,
      operationId: `${route.method}_${path}`.replace(/[^\w]+/g, '_'),
      parameters: [
        ...parametersOf('path', validate.params, route.path),
        ...parametersOf('query', validate.query, route.path),
      ],
      responses: {
        '200': {
          description: 'OK',
          ...(isJoi(settings.response?.schema)
            ? {
                content: { 'application/json': { schema: toJsonSchema(settings.response.schema) } },
              }
            : {}),
        },
        '4XX': {
          description: 'The request was refused; the message says why',
          content: { 'application/json': { schema: ERROR } },
        },
      },
    };
    if (isJoi(validate.payload) || multipart) {
      const type = multipart ? 'multipart/form-data' : 'application/json';
      operation.requestBody = {
        required: true,
        content: {
          [type]: {
            schema: isJoi(validate.payload) ? toJsonSchema(validate.payload) : { type: 'object' },
          },
        },
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation };
  }
  return {
    openapi: '3.0.3',
    info,
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['statusCode', 'error', 'message'],
          properties: {
            statusCode: { type: 'integer', example: 400 },
            error: { type: 'string', example: 'Bad Request' },
            message: { type: 'string', example: '"loginName" is required' },
          },
        },
      },
    },
  };
}
