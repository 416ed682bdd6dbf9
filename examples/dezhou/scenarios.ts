import type { DomainDefinition } from '@kaifang/plugin-domains';

/**
 * The scenario categories (场景) of the Dezhou deployment, passed to the domains plugin in
 * kaifang.config.ts (`scenarios: [...DEZHOU_SCENARIOS]`); the plugin builds none in.
 */
export const DEZHOU_SCENARIOS: readonly DomainDefinition[] = Object.freeze([
  { code: 'epidemic', name: { zh: '疫情', en: 'Epidemic' }, icon: 'cross', order: 10 },
  {
    code: 'social-insurance',
    name: { zh: '社保', en: 'Social Insurance' },
    icon: 'shield',
    order: 20,
  },
  {
    code: 'marriage-birth',
    name: { zh: '婚育', en: 'Marriage & Childbirth' },
    icon: 'heart',
    order: 30,
  },
  { code: 'employment', name: { zh: '就业', en: 'Employment' }, icon: 'briefcase', order: 40 },
  { code: 'medical', name: { zh: '医疗', en: 'Medical Care' }, icon: 'cross', order: 50 },
  { code: 'security', name: { zh: '安保', en: 'Security' }, icon: 'helmet', order: 60 },
  { code: 'education', name: { zh: '教育', en: 'Education' }, icon: 'book', order: 70 },
  { code: 'elderly-care', name: { zh: '养老', en: 'Elderly Care' }, icon: 'people', order: 80 },
  { code: 'living', name: { zh: '生活', en: 'Daily Life' }, icon: 'house', order: 90 },
  { code: 'finance', name: { zh: '金融', en: 'Finance' }, icon: 'coin', order: 100 },
  { code: 'traffic', name: { zh: '交通', en: 'Traffic' }, icon: 'bus', order: 110 },
]);
