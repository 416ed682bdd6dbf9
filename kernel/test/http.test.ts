import { Boom, definePlugin, Joi } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const shop = definePlugin({
  name: 'shop',
  version: '1.0.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.http.route([
      {
        method: 'GET',
        path: '/shops/{id}',
        options: {
          description: 'One shop',
          validate: { params: Joi.object({ id: Joi.number().integer().min(1).required() }) },
        },
        handler: (request) => ({ id: request.params.id }),
      },
      {
        method: 'POST',
        path: '/shops',
        options: {
          description: 'Opens a shop',
          validate: {
            payload: Joi.object({
              name: Joi.string().required(),
              city: Joi.string().valid('德州', '济南').required(),
            }),
          },
        },
        handler: (request, h) => h.response(request.payload as object).code(201),
      },
      {
        method: 'GET',
        path: '/shops/crash',
        handler: () => {
          throw new Error('secret connection string postgres://user:pw@db');
        },
      },
      {
        method: 'GET',
        path: '/shops/teapot',
        handler: () => {
          throw Boom.forbidden('only shop owners may see this');
        },
      },
    ]);
  },
});

describe('HTTP', () => {
  let test: TestKernel;
  beforeAll(async () => {
    test = await createTestKernel({ plugins: [shop] });
  });
  afterAll(() => test?.close());

  it('mounts plugin routes under the plugin prefix', async () => {
    const response = await test.inject('/api/v1/shops/7');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 7 });
  });

  it('answers invalid input with one JSON error shape naming every bad key', async () => {
    const response = await test.inject({
      method: 'POST',
      url: '/api/v1/shops',
      payload: { city: '北京' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(body.message).toContain('"name" is required');
    expect(body.message).toContain('"city" must be one of [德州, 济南]');
  });

  it('says what is wrong in Chinese when the request prefers Chinese', async () => {
    const ask = (language?: string) =>
      test.inject({
        method: 'POST',
        url: '/api/v1/shops',
        payload: { city: '北京', stars: 5 },
        ...(language ? { headers: { 'accept-language': language } } : {}),
      });
    const zh = (await ask('zh-CN,zh;q=0.9,en;q=0.8')).json();
    expect(zh.statusCode).toBe(400);
    expect(zh.message).toBe(
      '“name”为必填项；“city”必须是以下之一：德州、济南；“stars”不是可接受的参数',
    );
    // Scripts and other systems (no preference) and English readers keep joi's English.
    expect((await ask('zh-Hant-TW')).json().message).toContain('“name”为必填项');
    expect((await ask('fr, zh;q=0.5, en;q=0.3')).json().message).toContain('“name”为必填项');
    expect((await ask()).json().message).toContain('"name" is required');
    expect((await ask('en-GB,en;q=0.9,zh;q=0.5')).json().message).toContain('"name" is required');
    expect((await ask('not a language header')).json().message).toContain('"name" is required');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await test.inject({
      method: 'POST',
      url: '/api/v1/shops',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('hides internal errors: 500 with a generic message and no stack', async () => {
    const response = await test.inject('/api/v1/shops/crash');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An internal server error occurred',
    });
    expect(response.payload).not.toContain('postgres://');
  });

  it('passes a plugin’s own 4xx through in the same shape', async () => {
    const response = await test.inject('/api/v1/shops/teapot');
    expect(response.json()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'only shop owners may see this',
    });
  });

  it('answers an unknown API path with 404 in the same shape', async () => {
    const response = await test.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
  });

  it('describes every route in an OpenAPI 3 document', async () => {
    const document = (await test.inject('/api/openapi.json')).json();
    expect(document.openapi).toMatch(/^3\./);
    const getShop = document.paths['/api/v1/shops/{id}'].get;
    expect(getShop).toMatchObject({ tags: ['shop'], summary: 'One shop' });
    expect(getShop.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
    ]);
    const postShop = document.paths['/api/v1/shops'].post;
    expect(postShop.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['name', 'city'],
    });
    expect(document.paths['/api/health'].get.tags).toEqual(['kernel']);
    expect(Object.keys(document.paths).some((path) => path.startsWith('/api/docs'))).toBe(false);
  });

  it('serves readable API docs', async () => {
    const page = await test.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('/api/docs/assets/swagger-ui-bundle.js');
    const bundle = await test.inject('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect((await test.inject('/api/docs/assets/..%2F..%2Fpackage.json')).statusCode).toBe(404);
  });

  it('reports health with the plugins and the database', async () => {
    const response = await test.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: '0.1.0',
      plugins: [{ name: 'shop', version: '1.0.0' }],
      database: 'up',
    });
  });
});

describe('route conflicts', () => {
  it('name the plugin whose route collides', async () => {
    const route = { method: 'GET', path: '/same', handler: () => 'x' } as const;
    const first = definePlugin({
      name: 'first',
      version: '1.0.0',
      kernel: '^0.1.0',
      register: (ctx) => ctx.http.route(route),
    });
    const second = definePlugin({
      name: 'second',
      version: '1.0.0',
      kernel: '^0.1.0',
      register: (ctx) => ctx.http.route(route),
    });
    await expect(createTestKernel({ plugins: [first, second] })).rejects.toThrow(
      "plugin 'second' route GET /api/v1/same",
    );
  });
});

describe('health when the database is down', () => {
  it('answers 503 with database "down"', async () => {
    const test = await createTestKernel({ plugins: [shop], ownCluster: true });
    try {
      expect((await test.inject('/api/health')).statusCode).toBe(200);
      await test.stopDatabase();
      const response = await test.inject('/api/health');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await test.close();
    }
  });
});

describe('logging a failed request', () => {
  it('logs a database error without the SQL parameters (they are often personal data)', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const registry = definePlugin({
      name: 'registry',
      version: '1.0.0',
      kernel: '^0.1.0',
      register(ctx) {
        ctx.http.route({
          method: 'POST',
          path: '/people',
          handler: async (request) => {
            const connection = request.em.getConnection();
            await connection.execute(
              'create table if not exists registry_person (id_number text primary key)',
            );
            await connection.execute('insert into registry_person values (?)', [
              '370102199001011234',
            ]);
            await connection.execute('insert into registry_person values (?)', [
              '370102199001011234',
            ]);
            return 'unreachable';
          },
        });
      },
    });
    const test = await createTestKernel({ plugins: [registry], logger });
    try {
      const response = await test.inject({ method: 'POST', url: '/api/v1/people' });
      expect(response.statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('duplicate key value violates unique constraint');
      expect(log).not.toContain('370102199001011234');
    } finally {
      await test.close();
    }
  });
});

describe('plugin APIs from outside the plugins', () => {
  it('kernel.api(name) gives a started plugin’s API and names what is missing', async () => {
    const test = await createTestKernel({ plugins: [shop] });
    try {
      expect(test.kernel.api('shop' as never)).toBeUndefined();
      expect(() => test.kernel.api('catalog' as never)).toThrow(
        "plugin 'catalog' is not started in this kernel (started: shop)",
      );
    } finally {
      await test.close();
    }
  });
});
