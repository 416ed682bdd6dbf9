import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

/**
 * A stand-in OpenSearch that can be switched off: enough of the REST API for indexing (bulk,
 * index exists/create) to show the outbox at work; searching it always fails, which is how the
 * fallback to PostgreSQL shows.
 */
function fakeOpenSearch() {
  const state = { up: false, documents: new Map<string, { version: number; title: string }>() };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const send = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (!state.up || request.url?.includes('_search')) return send(503, { error: 'unavailable' });
      if (request.url?.startsWith('/_bulk')) {
        const lines = body
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        for (let i = 0; i < lines.length; i++) {
          const action = lines[i];
          if (action.index) {
            state.documents.set(action.index._id, {
              version: action.index.version,
              title: lines[i + 1].title,
            });
            i++;
          } else if (action.delete) state.documents.delete(action.delete._id);
        }
        return send(200, { errors: false, items: [] });
      }
      return send(200, { acknowledged: true });
    });
  });
  return { state, server };
}

describe('outbox and fallback with an external engine', () => {
  let ctx: CatalogTest;
  const fake = fakeOpenSearch();

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    ctx = await bootCatalog({
      search: {
        engine: 'opensearch',
        opensearch: { url: `http://127.0.0.1:${port}`, index: 'datasets', timeout: 500 },
      },
    });
  });
  afterAll(async () => {
    await ctx?.test.close();
    fake.server.close();
  });

  it('keeps changes while the engine is down, answers from PostgreSQL, and catches up', async () => {
    await ctx.api.importContent(FIXTURE);
    // Every change is in the outbox, written in the same transaction as the dataset.
    expect((await ctx.api.outboxStatus()).pending).toBe(6);

    const search = (await ctx.test.inject('/api/v1/datasets?q=公交')).json();
    expect(search.search).toMatchObject({ engine: 'postgres', fallback: { from: 'opensearch' } });
    expect(search.items.map((i: { title: string }) => i.title)).toEqual(['德州市公交线路信息']);

    await expect(ctx.api.drainOutbox()).rejects.toThrow(/kept for retry/);
    const failing = await ctx.api.outboxStatus();
    expect(failing.pending).toBe(6);
    expect(failing.failing).toBe(6);
    expect(failing.lastError).toMatch(/503|unavailable|Response Error/i);

    fake.state.up = true;
    await expect(ctx.api.drainOutbox()).resolves.toMatchObject({ pending: 0 });
    expect(await ctx.api.outboxStatus()).toMatchObject({ pending: 0, failing: 0 });
    expect(fake.state.documents.size).toBe(6);
    const bus = [...fake.state.documents.values()].find((d) => d.title.includes('公交'));
    // Pre-tokenised text: jieba's words separated by spaces, versioned by the update counter.
    expect(bus).toEqual({ version: 1, title: '德州 州市 德州市 公交 线路 公交线 公交线路 信息' });

    const health = await ctx.test.inject('/api/health');
    expect(health.json().checks.search).toBe('up');
  });

  it('sends the data facts a load writes back through the outbox', async () => {
    const bus = (await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().items[0];
    await ctx.api.setDataFacts(bus.id, {
      recordCount: 42,
      formats: ['CSV'],
      fields: [{ name: 'line_no', label: 'line_no', type: 'string' }],
    });
    expect((await ctx.api.outboxStatus()).pending).toBe(1);
    await ctx.api.drainOutbox();
    expect(fake.state.documents.get(bus.id)?.version).toBe(2);
  });

  it('rebuilds the index with progress', async () => {
    const progress: [number, number][] = [];
    const result = await ctx.api.reindex((done, total) => progress.push([done, total]));
    expect(result).toEqual({ engine: 'opensearch', total: 6 });
    expect(progress.at(0)).toEqual([0, 6]);
    expect(progress.at(-1)).toEqual([6, 6]);
  });
});
