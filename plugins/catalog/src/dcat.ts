/**
 * The catalogue as DCAT (W3C DCAT 2, DCAT-AP style) JSON-LD for harvesters: the provincial
 * platform, CKAN's DCAT harvester, data.europa.eu-style tools. Pure mapping: the route reads
 * the datasets and hands them here. Only what the public dataset API shows is written.
 */
import type { LocalizedText, SiteInfo } from '@kaifang/sdk';
import type { Dataset, OpenType, UpdateCycle } from './model.ts';

export const DCAT_MEDIA_TYPE = 'application/ld+json; charset=utf-8';

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';

/**
 * D4 update cycles → the EU frequency vocabulary (the one DCAT-AP asks for). `other` says only
 * that the cycle is none of the listed ones, so it is published as irregular.
 */
export const ACCRUAL_PERIODICITY: Readonly<Record<UpdateCycle, string>> = {
  yearly: `${EU}/frequency/ANNUAL`,
  'half-yearly': `${EU}/frequency/ANNUAL_2`,
  quarterly: `${EU}/frequency/QUARTERLY`,
  monthly: `${EU}/frequency/MONTHLY`,
  weekly: `${EU}/frequency/WEEKLY`,
  daily: `${EU}/frequency/DAILY`,
  'real-time': `${EU}/frequency/CONT`,
  other: `${EU}/frequency/IRREG`,
};

/** Open types → the EU access-right vocabulary (C5: what the portal shows as 开放类型). */
export const ACCESS_RIGHTS: Readonly<Record<OpenType, string>> = {
  unconditional: `${EU}/access-right/PUBLIC`,
  conditional: `${EU}/access-right/RESTRICTED`,
  closed: `${EU}/access-right/NON_PUBLIC`,
};

/** IANA media types of the formats the portal commonly lists (others get `dct:format` only). */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  CSV: 'text/csv',
  JSON: 'application/json',
  XML: 'application/xml',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  XLS: 'application/vnd.ms-excel',
  PDF: 'application/pdf',
  ZIP: 'application/zip',
  GEOJSON: 'application/geo+json',
};

/**
 * One distribution of a dataset as the `dcatDistributions` hook passes it on. URLs may be
 * absolute or start with `/` (then they are relative to the portal's public URL).
 */
export interface DcatDistribution {
  /** Upper-case format name, e.g. `CSV`. */
  format: string;
  accessURL: string;
  /** Only where the data can be fetched directly (e.g. the datastore's download route). */
  downloadURL?: string;
  /** IANA media type; filled from `format` when left out and known. */
  mediaType?: string;
  title?: LocalizedText;
}

export interface DcatPaging {
  page: number;
  pageSize: number;
  total: number;
  /** The URL of a page of this same query (keeps `modified_since` and `pageSize`). */
  pageUrl: (page: number) => string;
}

export interface DcatInput {
  /** The portal's public URL without a trailing slash, e.g. `https://data.dezhou.gov.cn`. */
  baseUrl: string;
  site: SiteInfo;
  /** Who runs the catalogue; the site's name when not configured. */
  publisher?: LocalizedText;
  datasets: { dataset: Dataset; distributions: DcatDistribution[] }[];
  /** Domain names in both languages (the dataset only carries the Chinese one). */
  domainNames: ReadonlyMap<string, { zh: string; en: string }>;
  /** The newest change of any published dataset (the catalogue's `dct:modified`). */
  modified: string | null;
  paging: DcatPaging;
}

type Node = Record<string, unknown>;

const zh = (value: string): Node => ({ '@value': value, '@language': 'zh' });
const en = (value: string): Node => ({ '@value': value, '@language': 'en' });
const both = (text: LocalizedText): Node[] => [zh(text.zh), en(text.en)];
const dateTime = (iso: string): Node => ({ '@value': shanghaiTime(iso), '@type': 'xsd:dateTime' });
const ref = (iri: string): Node => ({ '@id': iri });

/** An ISO instant as ISO 8601 in China Standard Time: `2026-11-01T10:00:00+08:00`. */
export function shanghaiTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000);
  return shifted.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** `url` made absolute against the portal (licence and hook URLs may be site-relative). */
export function absolute(baseUrl: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** The portal page of a dataset, the landing page harvesters link to. */
export const landingPageOf = (baseUrl: string, id: string) => `${baseUrl}/catalog/${id}`;

/** What every dataset offers without other plugins: one distribution per format, on its page. */
export function defaultDistributions(baseUrl: string, dataset: Dataset): DcatDistribution[] {
  const page = landingPageOf(baseUrl, dataset.id);
  return dataset.formats.map((format) => ({ format, accessURL: page }));
}

function contactPoint(contact: Dataset['contact'], fallbackName: string): Node | undefined {
  if (!contact.name && !contact.email && !contact.phone) return undefined;
  return {
    '@type': 'vcard:Organization',
    'vcard:fn': zh(contact.name ?? fallbackName),
    ...(contact.email ? { 'vcard:hasEmail': ref(`mailto:${contact.email}`) } : {}),
    ...(contact.phone
      ? { 'vcard:hasTelephone': ref(`tel:${contact.phone.replace(/\s+/g, '')}`) }
      : {}),
  };
}

/**
 * The licence's IRI: an external URL as it is (e.g. Creative Commons'); the portal's own
 * licence page with the code as fragment, since several licences share that page (`/license`)
 * and one IRI must not stand for two licences.
 */
export function licenceIri(baseUrl: string, licence: Pick<Dataset['licence'], 'code' | 'url'>) {
  const url = absolute(baseUrl, licence.url);
  if (!url.startsWith(`${baseUrl}/`) || url.includes('#')) return url;
  return `${url}#${encodeURIComponent(licence.code)}`;
}

function licenceNode(baseUrl: string, licence: Dataset['licence']): Node | undefined {
  if (!licence.url) return undefined;
  return {
    '@id': licenceIri(baseUrl, licence),
    '@type': 'dct:LicenseDocument',
    'dct:title': zh(licence.name),
    'dct:identifier': licence.code,
  };
}

function distributionNode(
  baseUrl: string,
  dataset: Dataset,
  distribution: DcatDistribution,
  licence: Node | undefined,
): Node {
  const format = distribution.format.toUpperCase();
  const mediaType = distribution.mediaType ?? MEDIA_TYPES[format];
  return {
    '@id': `${landingPageOf(baseUrl, dataset.id)}#distribution-${encodeURIComponent(format.toLowerCase())}`,
    '@type': 'dcat:Distribution',
    'dct:title': distribution.title
      ? both(distribution.title)
      : zh(`${dataset.title}（${format}）`),
    'dct:format': format,
    ...(mediaType
      ? { 'dcat:mediaType': ref(`https://www.iana.org/assignments/media-types/${mediaType}`) }
      : {}),
    'dcat:accessURL': ref(absolute(baseUrl, distribution.accessURL)),
    ...(distribution.downloadURL
      ? { 'dcat:downloadURL': ref(absolute(baseUrl, distribution.downloadURL)) }
      : {}),
    ...(licence ? { 'dct:license': ref(licence['@id'] as string) } : {}),
  };
}

export function datasetNode(
  input: Pick<DcatInput, 'baseUrl' | 'domainNames'>,
  dataset: Dataset,
  distributions: DcatDistribution[],
): Node {
  const { baseUrl } = input;
  const page = landingPageOf(baseUrl, dataset.id);
  const organisation = `${baseUrl}/catalog?org=${dataset.organization.id}`;
  const licence = licenceNode(baseUrl, dataset.licence);
  const contact = contactPoint(dataset.contact, dataset.organization.name);
  return {
    '@id': `${page}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.identifier ?? dataset.id,
    'dct:title': zh(dataset.title),
    ...(dataset.description ? { 'dct:description': zh(dataset.description) } : {}),
    'dct:publisher': {
      '@id': organisation,
      '@type': 'foaf:Organization',
      'foaf:name': zh(dataset.organization.name),
    },
    'dcat:theme': dataset.domains.map((domain) => {
      const names = input.domainNames.get(domain.code);
      return {
        '@id': `${baseUrl}/catalog?domain=${encodeURIComponent(domain.code)}`,
        '@type': 'skos:Concept',
        'skos:notation': domain.code,
        'skos:prefLabel': names ? both(names) : zh(domain.name),
      };
    }),
    ...(dataset.tags.length > 0 ? { 'dcat:keyword': dataset.tags.map(zh) } : {}),
    'dct:issued': dateTime(dataset.publishedAt ?? dataset.createdAt),
    'dct:modified': dateTime(dataset.updatedAt),
    'dct:accrualPeriodicity': ref(ACCRUAL_PERIODICITY[dataset.updateCycle]),
    'dct:accessRights': ref(ACCESS_RIGHTS[dataset.openType]),
    'dcat:landingPage': { '@id': page, '@type': 'foaf:Document' },
    ...(contact ? { 'dcat:contactPoint': contact } : {}),
    ...(licence ? { 'dct:license': licence } : {}),
    'dcat:distribution': distributions.map((d) => distributionNode(baseUrl, dataset, d, licence)),
  };
}

function pagingNode(paging: DcatPaging): Node {
  const last = Math.max(1, Math.ceil(paging.total / paging.pageSize));
  return {
    '@id': paging.pageUrl(paging.page),
    '@type': 'hydra:PagedCollection',
    'hydra:totalItems': paging.total,
    'hydra:itemsPerPage': paging.pageSize,
    'hydra:firstPage': ref(paging.pageUrl(1)),
    'hydra:lastPage': ref(paging.pageUrl(last)),
    ...(paging.page > 1 ? { 'hydra:previousPage': ref(paging.pageUrl(paging.page - 1)) } : {}),
    ...(paging.page < last ? { 'hydra:nextPage': ref(paging.pageUrl(paging.page + 1)) } : {}),
  };
}

/** The JSON-LD document: the catalogue with this page's datasets, and the page's hydra links. */
export function catalogDocument(input: DcatInput): Node {
  const { baseUrl, site } = input;
  const publisher = input.publisher ?? site.name;
  const catalog: Node = {
    '@id': `${baseUrl}/`,
    '@type': 'dcat:Catalog',
    'dct:title': both(site.name),
    'dct:publisher': {
      '@id': `${baseUrl}/#publisher`,
      '@type': 'foaf:Organization',
      'foaf:name': both(publisher),
      'foaf:mbox': ref(`mailto:${site.contact.email}`),
    },
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': both(publisher),
      'vcard:hasEmail': ref(`mailto:${site.contact.email}`),
      'vcard:hasTelephone': ref(`tel:${site.contact.phone.replace(/\s+/g, '')}`),
    },
    'foaf:homepage': ref(`${baseUrl}/`),
    'dct:language': ref(`${EU}/language/ZHO`),
    ...(site.licenseUrl ? { 'dct:license': ref(absolute(baseUrl, site.licenseUrl)) } : {}),
    ...(input.modified ? { 'dct:modified': dateTime(input.modified) } : {}),
    'dcat:dataset': input.datasets.map(({ dataset, distributions }) =>
      datasetNode(input, dataset, distributions),
    ),
  };
  return { '@context': DCAT_CONTEXT, '@graph': [catalog, pagingNode(input.paging)] };
}
