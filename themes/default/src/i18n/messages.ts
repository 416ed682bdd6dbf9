/**
 * Every string the default shell shows, in both languages. Keys are grouped by the component
 * that uses them. A theme adds its own strings as `LocalizedText` constants (see the Dezhou
 * hero) rather than editing this table.
 */
import type { LocalizedText } from '../types.ts';

export const messages = {
  'skip.toMain': { zh: '跳到主要内容', en: 'Skip to main content' },

  'nav.label': { zh: '主导航', en: 'Main navigation' },
  'nav.home': { zh: '首页', en: 'Home' },
  'nav.catalog': { zh: '数据目录', en: 'Data catalogue' },
  'nav.apis': { zh: '数据接口', en: 'Data APIs' },
  'nav.applications': { zh: '数据应用', en: 'Applications' },
  'nav.interaction': { zh: '互动交流', en: 'Interaction' },
  'nav.news': { zh: '政策动态', en: 'Policies & news' },
  'nav.me': { zh: '个人中心', en: 'My account' },
  'nav.login': { zh: '登录', en: 'Sign in' },
  'nav.register': { zh: '注册', en: 'Register' },

  'header.homeLink': { zh: '{name}首页', en: '{name} home page' },
  'header.tools': { zh: '用户与语言', en: 'Account and language' },
  'user.greeting': { zh: '您好，{name}', en: 'Hello, {name}' },
  'user.workbench': { zh: '工作台', en: 'Workbench' },
  'lang.switchTo': { zh: 'English', en: '中文' },
  'lang.switchLabel': { zh: 'Switch to English', en: '切换到中文' },

  'search.label': { zh: '搜索数据', en: 'Search data' },
  'search.placeholder': {
    zh: '搜索数据集、接口、应用',
    en: 'Search datasets, APIs and applications',
  },
  'search.submit': { zh: '搜索', en: 'Search' },

  'hero.lead': {
    zh: '汇聚公共数据资源，依法有序开放，服务经济社会发展',
    en: 'Public data from government bodies, opened lawfully and in order for everyone to use',
  },
  'hero.hotWords': { zh: '热门搜索', en: 'Popular searches' },

  'figures.heading': { zh: '开放概况', en: 'Key figures' },
  'figures.datasets': { zh: '开放数据集', en: 'Open datasets' },
  'figures.organisations': { zh: '数据提供单位', en: 'Data providers' },
  'figures.apis': { zh: '数据接口', en: 'Data APIs' },
  'figures.downloads': { zh: '累计下载', en: 'Downloads' },
  'figures.applications': { zh: '数据应用', en: 'Applications' },
  'figures.empty': { zh: '暂无统计数据', en: 'No figures yet' },

  'domains.heading': { zh: '数据领域', en: 'Data domains' },
  'domains.count': { zh: '{count} 个数据集', en: '{count} datasets' },
  'domains.empty': { zh: '暂无数据领域', en: 'No data domains yet' },

  'datasets.newest': { zh: '最新数据', en: 'Newest datasets' },
  'datasets.popular': { zh: '下载排行', en: 'Most downloaded' },
  'datasets.more': { zh: '查看更多', en: 'See more' },
  'datasets.moreLabel': { zh: '查看更多{what}', en: 'See more: {what}' },
  'datasets.empty': { zh: '暂无数据集', en: 'No datasets yet' },
  'datasets.updated': { zh: '更新于 {date}', en: 'Updated {date}' },
  'datasets.downloads': { zh: '下载 {count}', en: '{count} downloads' },
  'datasets.views': { zh: '浏览 {count}', en: '{count} views' },
  'datasets.formats': { zh: '数据格式', en: 'Formats' },
  'open.unconditional': { zh: '无条件开放', en: 'Open' },
  'open.conditional': { zh: '有条件开放', en: 'Conditional' },
  'open.closed': { zh: '不予开放', en: 'Not open' },

  'state.loading': { zh: '正在加载…', en: 'Loading…' },
  'state.emptyHint': {
    zh: '相关服务开通后，这里会显示内容。',
    en: 'Content appears here once the service is available.',
  },
  'state.error': { zh: '加载失败', en: 'Could not load' },
  'state.errorHint': {
    zh: '服务暂时无法访问，请稍后重试。',
    en: 'The service cannot be reached right now. Please try again later.',
  },
  'state.retry': { zh: '重试', en: 'Try again' },
  'state.pageError': { zh: '页面加载失败', en: 'This page could not be loaded' },
  'state.notFound': { zh: '页面不存在', en: 'Page not found' },
  'state.notFoundHint': {
    zh: '您访问的页面不存在或已被移除，请检查网址。',
    en: 'The page you asked for does not exist or has been removed. Please check the address.',
  },
  'state.unavailable': { zh: '栏目建设中', en: 'Not available yet' },
  'state.unavailableHint': {
    zh: '“{title}”栏目尚未开通，敬请期待。',
    en: 'The “{title}” section is not open yet. Please check back later.',
  },
  'state.backHome': { zh: '返回首页', en: 'Back to the home page' },

  'footer.contact': { zh: '联系我们', en: 'Contact us' },
  'footer.phone': { zh: '联系电话', en: 'Phone' },
  'footer.email': { zh: '电子邮箱', en: 'E-mail' },
  'footer.license': { zh: '开放数据许可协议', en: 'Open data licence' },
  'footer.copyright': { zh: '版权所有 © {year} {name}', en: '© {year} {name}' },
  'footer.poweredBy': { zh: '基于开放框架 Kaifang 构建', en: 'Built with Kaifang' },
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof messages;
