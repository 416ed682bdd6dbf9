/**
 * Licences a dataset can carry (C4, L1). The text is what the dataset page shows; the code is
 * what datasets store. A deployment with its own licence adds one here through config.
 */
export interface Licence {
  code: string;
  name: string;
  url: string;
  summary: string;
}

export const BUILT_IN_LICENCES: readonly Licence[] = Object.freeze([
  {
    code: 'open-unconditional-1.0',
    name: '公共数据开放许可协议（无条件开放）',
    url: '/license',
    summary:
      '本数据为无条件开放数据，任何自然人、法人和非法人组织无需注册即可免费、无歧视地获取和使用，包括商业用途。使用时请注明数据来源。',
  },
  {
    code: 'open-conditional-1.0',
    name: '公共数据开放许可协议（有条件开放）',
    url: '/license',
    summary:
      '本数据为有条件开放数据。使用者须实名认证，说明使用场景并提交申请，经数据提供部门审核同意后，在约定范围和期限内使用；不得滥用、复制或未经授权转让。',
  },
  {
    code: 'cc-by-4.0',
    name: '知识共享署名 4.0 国际许可协议 (CC BY 4.0)',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
    summary: '在注明来源的前提下，可自由共享和演绎本数据，包括商业用途。',
  },
]);
