import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hello from '../src/plugin.ts';

/** A second plugin that taps hello's own hook, as a plugin author's would. */
const polite = definePlugin({
  name: 'polite',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { hello: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.hello!.composeGreeting.tap(
      ctx.name,
      (message) => `${message}欢迎使用开放数据。`,
    );
  },
});

describe('plugin-hello', () => {
  let test: TestKernel;
  beforeAll(async () => {
    test = await createTestKernel({ plugins: [hello.configure({ salutation: '您好' }), polite] });
  });
  afterAll(() => test?.close());

  it('greets, stores the greeting and lists it', async () => {
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/hello/greetings',
      payload: { name: '德州' },
    });
    expect(created.statusCode).toBe(201);
    const greeting = created.result as { id: string; message: string };
    expect(greeting.message).toBe('您好，德州！欢迎使用开放数据。');

    const one = await test.inject(`/api/v1/hello/greetings/${greeting.id}`);
    expect(one.json()).toMatchObject({ id: greeting.id, name: '德州' });
    const list = await test.inject('/api/v1/hello/greetings');
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(greeting.id);
    await expect(
      test.kernel.orm.em
        .fork()
        .getConnection()
        .execute('select count(*)::int as n from hello_greeting'),
    ).resolves.toEqual([{ n: 1 }]);
  });

  it('answers bad input with a 400 that names the field, and stores nothing', async () => {
    const response = await test.inject({
      method: 'POST',
      url: '/api/v1/hello/greetings',
      payload: { name: '' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('"name"'),
    });
    const missing = await test.inject({
      method: 'POST',
      url: '/api/v1/hello/greetings',
      payload: {},
    });
    expect(missing.json().message).toBe('"name" is required');
    const list = await test.inject('/api/v1/hello/greetings');
    expect(list.json().items).toHaveLength(1);
  });

  it('answers an unknown greeting with 404 and a bad id with 400', async () => {
    const unknown = await test.inject(
      '/api/v1/hello/greetings/3f0e4a56-2d0b-4f59-8d55-9a1c1c0c2b1e',
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('no greeting');
    const bad = await test.inject('/api/v1/hello/greetings/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('"id"');
  });

  it('reports its table in the health check and offers a typed API', async () => {
    const health = await test.inject('/api/health');
    expect(health.json()).toMatchObject({
      status: 'ok',
      database: 'up',
      checks: { greetings: 'up' },
    });
    expect(test.kernel.taps).toContainEqual({
      hook: 'hello.composeGreeting',
      tapper: 'polite',
      type: 'sync',
    });
  });
});
