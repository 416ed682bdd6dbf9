import type { LocalizedText } from '@kaifang/sdk';

/** A domain (领域) or scenario category (场景) as configured or built in. */
export interface DomainDefinition {
  /** Stable code used in URLs, filters and dataset records; never change it once data exists. */
  code: string;
  name: LocalizedText;
  /** A name from the icon set in icons.ts (served as `/api/v1/domains/icons/{icon}.svg`). */
  icon: string;
  order: number;
}

/**
 * The 19 base domains of the provincial catalogue specification (MISSION D1), named exactly as
 * there. Codes are part of the data model: datasets store them, so they must never be renamed.
 */
export const BASE_DOMAINS: readonly DomainDefinition[] = Object.freeze([
  {
    code: 'education-science',
    name: { zh: '教育科技', en: 'Education & Science' },
    icon: 'book',
    order: 10,
  },
  {
    code: 'culture-leisure',
    name: { zh: '文化休闲', en: 'Culture & Leisure' },
    icon: 'theatre',
    order: 20,
  },
  { code: 'geospatial', name: { zh: '地理空间', en: 'Geospatial' }, icon: 'map', order: 30 },
  {
    code: 'social-security-employment',
    name: { zh: '社保就业', en: 'Social Security & Employment' },
    icon: 'briefcase',
    order: 40,
  },
  { code: 'health', name: { zh: '卫生健康', en: 'Health' }, icon: 'cross', order: 50 },
  {
    code: 'organisations',
    name: { zh: '机构团体', en: 'Organisations' },
    icon: 'people',
    order: 60,
  },
  {
    code: 'urban-housing',
    name: { zh: '城建住房', en: 'Urban Construction & Housing' },
    icon: 'house',
    order: 70,
  },
  {
    code: 'economy-trade',
    name: { zh: '经贸工商', en: 'Economy, Trade & Business' },
    icon: 'chart',
    order: 80,
  },
  {
    code: 'public-safety',
    name: { zh: '公共安全', en: 'Public Safety' },
    icon: 'shield',
    order: 90,
  },
  {
    code: 'market-regulation',
    name: { zh: '市场监管', en: 'Market Regulation' },
    icon: 'scales',
    order: 100,
  },
  { code: 'transport', name: { zh: '交通出行', en: 'Transport' }, icon: 'bus', order: 110 },
  { code: 'meteorology', name: { zh: '气象服务', en: 'Meteorology' }, icon: 'cloud', order: 120 },
  {
    code: 'government-affairs',
    name: { zh: '综合政务', en: 'Government Affairs' },
    icon: 'building',
    order: 130,
  },
  { code: 'livelihood', name: { zh: '社会民生', en: 'Livelihood' }, icon: 'heart', order: 140 },
  {
    code: 'finance-tax',
    name: { zh: '财税金融', en: 'Finance & Taxation' },
    icon: 'coin',
    order: 150,
  },
  {
    code: 'safety-supervision',
    name: { zh: '安全监管', en: 'Safety Supervision' },
    icon: 'helmet',
    order: 160,
  },
  {
    code: 'agriculture',
    name: { zh: '农业农村', en: 'Agriculture & Rural Affairs' },
    icon: 'leaf',
    order: 170,
  },
  {
    code: 'resources-environment',
    name: { zh: '资源环境', en: 'Resources & Environment' },
    icon: 'tree',
    order: 180,
  },
  { code: 'credit', name: { zh: '信用服务', en: 'Credit Services' }, icon: 'badge', order: 190 },
]);
