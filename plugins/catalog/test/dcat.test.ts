import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { definePlugin, ManualClock } from '@kaifang/sdk';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCRUAL_PERIODICITY, shanghaiTime } from '../src/dcat.ts';
import { UPDATE_CYCLES } from '../src/model.ts';
import { parseModifiedSince } from '../src/routes/dcat.ts';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

const BASE = 'https://data.example.gov.cn';
const EU = 'http://publications.europa.eu/resource/authority';

/** Stands in for the datastore: offers a download for the open formats it "serves". */
const downloads = definePlugin({
  name: 'downloads',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { catalog: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.catalog!.dcatDistributions.tapPromise(
      ctx.name,
      async (distributions, { dataset }) =>
        dataset.openType !== 'unconditional'
          ? distributions
          : distributions.map((d) => ({
              ...d,
              downloadURL: `/api/v1/datasets/${dataset.id}/download?format=${d.format.toLowerCase()}`,
            })),
    );
  },
});

// biome-ignore lint/suspicious/noExplicitAny: JSON-LD nodes are checked by shape at run time
type Node = any;

describe('the DCAT export (/catalog.jsonld)', () => {
  let ctx: CatalogTest;
  let platform: LoggedIn;
  let jtj: string;
  let bikeId: string;
  const clock = new ManualClock('2026-12-01T02:00:00Z');

  const get = (query = '') => ctx.test.inject(`/api/v1/catalog.jsonld${query}`);
  const graph = async (query = '') => {
    const response = await get(query);
    expect(response.statusCode, response.payload).toBe(200);
    const body = response.json();
    const catalog: Node = body['@graph'].find((n: Node) => n['@type'] === 'dcat:Catalog');
    const paging: Node = body['@graph'].find((n: Node) => n['@type'] === 'hydra:PagedCollection');
    const datasets: Node[] = catalog['dcat:dataset'];
    return { body, catalog, paging, datasets, payload: response.payload };
  };
  const byIdentifier = (datasets: Node[], identifier: string) =>
    datasets.find((d) => d['dct:identifier'] === identifier);
  const create = async (payload: object) => {
    const response = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload,
      headers: platform.headers,
    });
    expect(response.statusCode, response.payload).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    ctx = await bootCatalog({ dcat: { publicUrl: `${BASE}/` } }, [downloads], { clock });
    await ctx.api.importContent(FIXTURE);
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    platform = await loginAs(ctx.test, { roles: ['user', 'platform-admin'] });
    bikeId = await create({
      identifier: 'T-BIKE',
      title: '德州市公共自行车站点分布',
      description: '公共自行车站点位置与车桩数量。',
      organizationId: jtj,
      domains: ['transport'],
      tags: ['自行车'],
      openType: 'unconditional',
      updateCycle: 'real-time',
      updateMethod: 'primary-key',
      licence: 'cc-by-4.0',
      formats: ['CSV', 'JSON'],
      contact: { name: '信息科', phone: '0534-2612345', email: 'xxk@dezhou.gov.cn' },
      state: 'published',
    });
    await create({
      title: '内部草稿：公交调度计划',
      description: '内部草稿说明文字。',
      organizationId: jtj,
      domains: ['transport'],
      tags: ['草稿标签'],
      openType: 'unconditional',
      updateCycle: 'daily',
      updateMethod: 'full',
    });
  });
  afterAll(() => ctx?.test.close());

  it('answers JSON-LD with the prefixes and the site as the catalogue', async () => {
    const response = await get();
    expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const { body, catalog } = await graph();
    expect(Object.keys(body['@context']).sort()).toEqual(
      ['dcat', 'dct', 'foaf', 'hydra', 'skos', 'vcard', 'xsd'].sort(),
    );
    expect(catalog['@id']).toBe(`${BASE}/`);
    expect(catalog['dct:title']).toEqual([
      { '@value': '测试开放平台', '@language': 'zh' },
      { '@value': 'Test Open Data Portal', '@language': 'en' },
    ]);
    expect(catalog['foaf:homepage']).toEqual({ '@id': `${BASE}/` });
    expect(catalog['dct:publisher']['foaf:name'][0]['@value']).toBe('测试开放平台');
    expect(catalog['dct:license']).toEqual({ '@id': `${BASE}/license` });
    // The newest change of a published dataset: the bicycle dataset, created "now".
    expect(catalog['dct:modified']).toEqual({
      '@value': '2026-12-01T10:00:00+08:00',
      '@type': 'xsd:dateTime',
    });
  });

  it('lists the published datasets only, and never a word of a draft', async () => {
    const { datasets, paging, payload } = await graph();
    expect(paging['hydra:totalItems']).toBe(6);
    expect(datasets.map((d) => d['dct:identifier']).sort()).toEqual(
      ['C-CREDIT', 'H-HOSP', 'H-VAX', 'T-BIKE', 'T-BUS', 'T-TAXI'].sort(),
    );
    for (const secret of ['公交刷卡客流统计', 'T-DRAFT', '草稿', '内部草稿', '草稿标签'])
      expect(payload).not.toContain(secret);
  });

  it('maps a dataset to DCAT: title, publisher, theme, keywords, dates, periodicity, page, licence', async () => {
    const { datasets } = await graph();
    const bus = byIdentifier(datasets, 'T-BUS');
    const id: string = (await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().items[0].id;
    expect(bus['@id']).toBe(`${BASE}/catalog/${id}#dataset`);
    expect(bus['@type']).toBe('dcat:Dataset');
    expect(bus['dct:title']).toEqual({ '@value': '德州市公交线路信息', '@language': 'zh' });
    expect(bus['dct:description']['@language']).toBe('zh');
    expect(bus['dct:publisher']).toEqual({
      '@id': `${BASE}/catalog?org=${jtj}`,
      '@type': 'foaf:Organization',
      'foaf:name': { '@value': '德州市交通运输局', '@language': 'zh' },
    });
    expect(bus['dcat:theme']).toEqual([
      expect.objectContaining({
        '@id': `${BASE}/catalog?domain=transport`,
        '@type': 'skos:Concept',
        'skos:prefLabel': expect.arrayContaining([
          expect.objectContaining({ '@language': 'zh' }),
          expect.objectContaining({ '@language': 'en' }),
        ]),
      }),
    ]);
    expect(bus['dcat:keyword']).toEqual([
      { '@value': '线路', '@language': 'zh' },
      { '@value': '站点', '@language': 'zh' },
    ]);
    expect(bus['dct:modified']).toEqual({
      '@value': '2026-11-01T10:00:00+08:00',
      '@type': 'xsd:dateTime',
    });
    expect(bus['dct:issued']['@value']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(bus['dct:accrualPeriodicity']).toEqual({ '@id': `${EU}/frequency/MONTHLY` });
    expect(bus['dct:accessRights']).toEqual({ '@id': `${EU}/access-right/PUBLIC` });
    expect(bus['dcat:landingPage']['@id']).toBe(`${BASE}/catalog/${id}`);
    // The portal's own licences share one page: the code tells them apart.
    expect(bus['dct:license']).toMatchObject({
      '@id': `${BASE}/license#open-unconditional-1.0`,
      'dct:identifier': 'open-unconditional-1.0',
    });
    // One distribution per format; the stand-in datastore added downloads to open data.
    expect(bus['dcat:distribution']).toEqual([
      expect.objectContaining({
        '@type': 'dcat:Distribution',
        'dct:format': 'CSV',
        'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/text/csv' },
        'dcat:accessURL': { '@id': `${BASE}/catalog/${id}` },
        'dcat:downloadURL': { '@id': `${BASE}/api/v1/datasets/${id}/download?format=csv` },
        'dct:license': { '@id': `${BASE}/license#open-unconditional-1.0` },
      }),
      expect.objectContaining({ 'dct:format': 'JSON' }),
    ]);

    // Conditional and closed data are listed like on the portal, with no download.
    const taxi = byIdentifier(datasets, 'T-TAXI');
    expect(taxi['dct:accessRights']).toEqual({ '@id': `${EU}/access-right/RESTRICTED` });
    expect(taxi['dcat:distribution'][0]).not.toHaveProperty('dcat:downloadURL');
    expect(taxi['dct:license']['@id']).toBe(`${BASE}/license#open-conditional-1.0`);
    const credit = byIdentifier(datasets, 'C-CREDIT');
    expect(credit['dct:accrualPeriodicity']).toEqual({ '@id': `${EU}/frequency/ANNUAL_2` });
    expect(credit['dcat:theme']).toHaveLength(2);
    expect(credit).not.toHaveProperty('dcat:keyword');

    const bike = byIdentifier(datasets, 'T-BIKE');
    expect(bike['dcat:landingPage']['@id']).toBe(`${BASE}/catalog/${bikeId}`);
    expect(bike['dct:accrualPeriodicity']).toEqual({ '@id': `${EU}/frequency/CONT` });
    expect(bike['dct:license']).toMatchObject({
      '@id': 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
      '@type': 'dct:LicenseDocument',
    });
    expect(bike['dcat:contactPoint']).toEqual({
      '@type': 'vcard:Organization',
      'vcard:fn': { '@value': '信息科', '@language': 'zh' },
      'vcard:hasEmail': { '@id': 'mailto:xxk@dezhou.gov.cn' },
      'vcard:hasTelephone': { '@id': 'tel:0534-2612345' },
    });
    // The fixture has no contact: no empty contact point.
    expect(bus).not.toHaveProperty('dcat:contactPoint');
  });

  it('maps every update cycle to an EU frequency', () => {
    for (const cycle of UPDATE_CYCLES)
      expect(ACCRUAL_PERIODICITY[cycle]).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z_0-9]+$/,
      );
    expect(ACCRUAL_PERIODICITY.other).toBe(`${EU}/frequency/IRREG`);
  });

  it('pages with hydra links that harvesters follow to the end', async () => {
    const first = await graph('?pageSize=4');
    expect(first.datasets).toHaveLength(4);
    expect(first.paging).toMatchObject({
      '@id': `${BASE}/api/v1/catalog.jsonld?page=1&pageSize=4`,
      'hydra:totalItems': 6,
      'hydra:itemsPerPage': 4,
      'hydra:firstPage': { '@id': `${BASE}/api/v1/catalog.jsonld?page=1&pageSize=4` },
      'hydra:lastPage': { '@id': `${BASE}/api/v1/catalog.jsonld?page=2&pageSize=4` },
      'hydra:nextPage': { '@id': `${BASE}/api/v1/catalog.jsonld?page=2&pageSize=4` },
    });
    expect(first.paging).not.toHaveProperty('hydra:previousPage');
    const next = new URL(first.paging['hydra:nextPage']['@id']);
    const second = await graph(next.search);
    expect(second.datasets).toHaveLength(2);
    expect(second.paging).not.toHaveProperty('hydra:nextPage');
    expect(second.paging['hydra:previousPage']).toEqual(first.paging['hydra:firstPage']);
    const seen = [...first.datasets, ...second.datasets].map((d) => d['dct:identifier']);
    expect(new Set(seen).size).toBe(6);
    // Past the end: an empty page, still with its links.
    const beyond = await graph('?page=9&pageSize=4');
    expect(beyond.datasets).toEqual([]);
    expect(beyond.paging['hydra:totalItems']).toBe(6);
  });

  it('filters by modified_since for incremental harvesting (China time unless a zone is given)', async () => {
    const since = await graph('?modified_since=2026-10-01');
    expect(since.datasets.map((d) => d['dct:identifier']).sort()).toEqual(
      ['H-VAX', 'T-BIKE', 'T-BUS', 'T-TAXI'].sort(),
    );
    expect(since.paging['hydra:totalItems']).toBe(4);
    expect(since.paging['@id']).toBe(
      `${BASE}/api/v1/catalog.jsonld?page=1&modified_since=2026-10-01`,
    );
    // T-TAXI changed at 2026-10-01T10:00+08:00: one second later leaves it out.
    const later = await graph(`?modified_since=${encodeURIComponent('2026-10-01T10:00:01+08:00')}`);
    expect(later.datasets.map((d) => d['dct:identifier'])).not.toContain('T-TAXI');
    expect(later.paging['hydra:totalItems']).toBe(3);
    const utc = await graph('?modified_since=2026-11-15T02:00:00Z');
    expect(utc.datasets.map((d) => d['dct:identifier']).sort()).toEqual(['H-VAX', 'T-BIKE']);
    const none = await graph('?modified_since=2027-01-01');
    expect(none.datasets).toEqual([]);
    expect(none.paging['hydra:totalItems']).toBe(0);
  });

  it('answers bad parameters with 400 naming them', async () => {
    for (const [query, name] of [
      ['?modified_since=yesterday', 'modified_since'],
      ['?modified_since=2026-02-30', 'modified_since'],
      ['?modified_since=2026-13-01', 'modified_since'],
      ['?pageSize=101', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?page=0', 'page'],
      ['?since=2026-01-01', 'since'],
    ] as const) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message, query).toContain(`"${name}"`);
    }
  });

  it('is valid JSON-LD that expands to full DCAT IRIs', async () => {
    const { body } = await graph();
    const expanded: Node[] = await jsonld.expand(body);
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const catalog = expanded.find((n) => n['@type']?.includes(`${DCAT}Catalog`));
    expect(catalog).toBeDefined();
    const datasets: Node[] = catalog[`${DCAT}dataset`];
    expect(datasets).toHaveLength(6);
    const bus = datasets.find(
      (d) => d['http://purl.org/dc/terms/identifier'][0]['@value'] === 'T-BUS',
    );
    expect(bus['http://purl.org/dc/terms/title']).toEqual([
      { '@value': '德州市公交线路信息', '@language': 'zh' },
    ]);
    expect(bus['http://purl.org/dc/terms/modified'][0]['@type']).toBe(
      'http://www.w3.org/2001/XMLSchema#dateTime',
    );
    expect(bus[`${DCAT}landingPage`][0]['@id']).toMatch(
      /^https:\/\/data\.example\.gov\.cn\/catalog\//,
    );
    const paging = expanded.find((n) =>
      n['@type']?.includes('http://www.w3.org/ns/hydra/core#PagedCollection'),
    );
    expect(paging['http://www.w3.org/ns/hydra/core#totalItems'][0]['@value']).toBe(6);
  });
});

describe('DCAT helpers', () => {
  it('writes instants in China time', () => {
    expect(shanghaiTime('2026-11-01T02:00:00.123Z')).toBe('2026-11-01T10:00:00+08:00');
    expect(shanghaiTime('2026-12-31T20:00:00Z')).toBe('2027-01-01T04:00:00+08:00');
  });

  it('reads modified_since as ISO 8601, in China time without a zone', () => {
    expect(parseModifiedSince('2026-10-01')?.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(parseModifiedSince('2026-10-01T08:30')?.toISOString()).toBe('2026-10-01T00:30:00.000Z');
    expect(parseModifiedSince('2026-10-01T08:30:00Z')?.toISOString()).toBe(
      '2026-10-01T08:30:00.000Z',
    );
    expect(parseModifiedSince('2026-10-01T08:30:00-0500')?.toISOString()).toBe(
      '2026-10-01T13:30:00.000Z',
    );
    for (const bad of ['2026-02-30', '2026-10-01T25:00', '20261001', 'now', '2026-10-01 08:00'])
      expect(parseModifiedSince(bad), bad).toBeUndefined();
  });
});
