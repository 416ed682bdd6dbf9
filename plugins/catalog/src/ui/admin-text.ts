/**
 * The publisher's pages' words (数据集管理, 新建/编辑数据集, 提供部门管理) in zh-CN and
 * English, in the same shape as `shared.ts`'s table; `{name}` placeholders are filled from
 * `values`.
 */
import type { LocalizedText } from '@kaifang/sdk';

const TEXT = {
  manageTitle: ['数据集管理', 'Manage datasets'],
  manageLead: [
    '{org}的全部数据集，包括草稿和已撤回的。',
    'Every dataset of {org}, drafts and withdrawn ones included.',
  ],
  manageLeadAll: [
    '各部门的全部数据集，包括草稿和已撤回的。',
    "Every organisation's datasets, drafts and withdrawn ones included.",
  ],
  manageLink: ['数据集管理', 'Manage datasets'],
  newDataset: ['新建数据集', 'New dataset'],
  editDataset: ['编辑数据集', 'Edit dataset'],
  adminOnly: [
    '没有您可管理的数据集：数据集管理仅供数据提供部门管理员和平台管理员使用，请以管理员身份登录。',
    'There are no datasets for you to manage: managing datasets is for provider and platform administrators, so please sign in as one.',
  ],
  noOrganisationsYet: [
    '还没有数据提供部门。数据集属于提供部门，请先添加提供部门。',
    'There is no providing department yet. Datasets belong to one: add the departments first.',
  ],
  addOrganisations: ['添加提供部门', 'Add providing departments'],
  signIn: ['以管理员身份登录', 'Sign in as an administrator'],
  keyword: ['关键词', 'Keyword'],
  keywordPlaceholder: ['按标题、标签、描述搜索', 'Search titles, tags, descriptions'],
  filter: ['筛选', 'Filter'],
  state: ['状态', 'State'],
  anyState: ['全部状态', 'All states'],
  organisation: ['提供部门', 'Organisation'],
  anyOrganisation: ['全部部门', 'All organisations'],
  title: ['标题', 'Title'],
  updated: ['更新时间', 'Updated'],
  actions: ['操作', 'Actions'],
  edit: ['编辑', 'Edit'],
  view: ['查看', 'View'],
  upload: ['上传数据', 'Upload data'],
  security: ['安全审查', 'Security review'],
  count: ['共 {n} 个数据集', '{n} datasets'],
  none: [
    '没有符合条件的数据集。可点击“新建数据集”开始发布。',
    'No datasets match. Use “New dataset” to publish one.',
  ],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  pages: ['分页', 'Pages'],
  loading: ['加载中…', 'Loading…'],
  failed: ['加载失败：{message}', 'Could not load: {message}'],
  // The editor
  basics: ['基本信息', 'Basics'],
  openness: ['开放属性', 'Openness'],
  maintenance: ['更新维护', 'Maintenance'],
  contactSection: ['联系方式', 'Contact'],
  fieldsSection: ['数据项', 'Data items'],
  factsSection: ['数据概况', 'Data facts'],
  identifier: ['资源代码', 'Resource code'],
  identifierHint: ['省级目录的资源代码，可不填', "The provincial catalogue's code; optional"],
  description: ['描述', 'Description'],
  domains: ['数据领域', 'Domains'],
  domainsHint: ['至少选择一个，最多五个', 'At least one, at most five'],
  scenarios: ['应用场景', 'Scenarios'],
  tags: ['标签', 'Tags'],
  listHint: ['多个用逗号或顿号分隔', 'Separate several with commas'],
  openType: ['开放类型', 'Open type'],
  grade: ['分级', 'Grade'],
  classifications: ['分类', 'Classifications'],
  licence: ['开放许可', 'Licence'],
  licenceDefault: ['按开放类型默认', 'Default for the open type'],
  updateCycle: ['更新周期', 'Update cycle'],
  updateMethod: ['更新方式', 'Update method'],
  primaryKey: ['主键', 'Primary key'],
  primaryKeyHint: [
    '主键更新时按这些数据项匹配记录；没有数据项时填写字段名，多个用逗号分隔',
    'A primary-key update matches records on these items; without data items, type field names separated by commas',
  ],
  contactName: ['联系人或科室', 'Contact person or office'],
  contactPhone: ['联系电话', 'Phone'],
  contactEmail: ['电子邮箱', 'E-mail'],
  formats: ['数据格式', 'Formats'],
  recordCount: ['数据量（条）', 'Records'],
  factsHint: [
    '上传数据后由系统自动更新；数据在其他系统提供时可在此填写。',
    'Updated automatically when data is loaded; fill in when the data is served elsewhere.',
  ],
  fieldsHint: [
    '数据项通常来自上传的数据，这里主要填写中文名称、单位、说明和字典项（每行一项，格式“代码=名称”）。',
    'Data items usually come from the loaded data; here you mainly write labels, units, descriptions and code lists (one per line, “code=label”).',
  ],
  noFields: [
    '暂无数据项：上传数据后自动生成，也可手工添加。',
    'No data items yet: loading data creates them, or add them by hand.',
  ],
  fieldName: ['字段名', 'Field name'],
  fieldLabel: ['中文名称', 'Label'],
  fieldType: ['数据类型', 'Type'],
  fieldUnit: ['单位', 'Unit'],
  fieldDescription: ['说明', 'Description'],
  fieldDictionary: ['字典项', 'Code list'],
  addField: ['添加数据项', 'Add a data item'],
  remove: ['删除', 'Remove'],
  removeField: ['删除数据项 {name}', 'Remove data item {name}'],
  fieldRow: ['第 {n} 项', 'Item {n}'],
  required: ['必填', 'required'],
  stateSection: ['发布状态', 'Publication'],
  stateHint: [
    '保存为草稿后，发布可能需要先通过数据安全审查。',
    'Saved as a draft; publishing may need the data security review first.',
  ],
  saveDraft: ['保存草稿', 'Save draft'],
  save: ['保存', 'Save'],
  saving: ['保存中…', 'Saving…'],
  saved: ['已保存。', 'Saved.'],
  created: ['数据集已创建，当前为草稿。', 'The dataset was created as a draft.'],
  unchanged: ['没有需要保存的修改。', 'Nothing to save.'],
  errorSummary: ['未能保存，请修改后重试：', 'Not saved; please correct and try again:'],
  conflictHint: ['前往数据安全审查', 'Go to the data security review'],
  staleSave: [
    '未能保存：您打开此数据集后，其他人修改了它。您填写的内容仍保留在下方，请重新加载最新版本后再次修改。',
    'Not saved: someone else changed this dataset after you opened it. What you typed is still below; reload the latest version, then apply your changes again.',
  ],
  staleDelete: [
    '未能删除：您打开此数据集后，其他人修改了它。请重新加载最新版本，确认后再删除。',
    'Not deleted: someone else changed this dataset after you opened it. Reload the latest version and check it before deleting.',
  ],
  reloadLatest: ['重新加载最新版本', 'Reload the latest version'],
  reloadHint: [
    '重新加载后，表单将显示最新版本，您尚未保存的修改会被替换；如需保留，请先复制。',
    'Reloading shows the latest version in the form and replaces your unsaved changes; copy them first if you need them.',
  ],
  reloaded: ['已加载最新版本。', 'The latest version is loaded.'],
  delete: ['删除数据集', 'Delete dataset'],
  deleteConfirm: [
    '确定删除数据集“{title}”？删除后无法恢复。',
    'Delete the dataset “{title}”? This cannot be undone.',
  ],
  deleteYes: ['确认删除', 'Delete'],
  cancel: ['取消', 'Cancel'],
  deleted: ['已删除。', 'Deleted.'],
  notEditable: [
    '您无权编辑该数据集：只有其提供部门的管理员和平台管理员可以编辑。',
    'You may not edit this dataset: only its organisation’s administrators and platform administrators may.',
  ],
  notFound: ['未找到该数据集。', 'Dataset not found.'],
  backToManage: ['返回数据集管理', 'Back to Manage datasets'],
  viewDataset: ['查看数据集页面', 'View the dataset page'],
  // 提供部门管理 (/catalog/organisations)
  orgTitle: ['提供部门管理', 'Providing departments'],
  orgLead: [
    '数据提供部门的名称、简称、代码、排序和联系方式。数据集引用提供部门，因此提供部门只能添加和修改，不能删除。',
    'The names, short names, codes, order and contacts of the departments that provide data. Datasets refer to them, so departments can be added and changed but not deleted.',
  ],
  orgAdminOnly: [
    '提供部门管理仅供平台管理员使用：您当前的账号无权添加或修改提供部门，请以平台管理员身份登录。',
    'Managing the providing departments is for platform administrators: your account may not add or change them, so please sign in as a platform administrator.',
  ],
  orgName: ['名称', 'Name'],
  orgShortName: ['简称', 'Short name'],
  orgCode: ['代码', 'Code'],
  orgCodeHint: [
    '以小写字母开头，只含小写字母、数字和连字符，例如 jtj',
    'Starts with a lower-case letter; lower-case letters, digits and hyphens, e.g. jtj',
  ],
  orgOrder: ['排序', 'Order'],
  orgOrderHint: [
    '数字小的排在前面；不填则为 1000',
    'Smaller numbers come first; 1000 when left empty',
  ],
  orgDatasets: ['已发布数据集', 'Published datasets'],
  orgCount: ['共 {n} 个提供部门', '{n} providing departments'],
  orgNone: [
    '还没有提供部门，请在下方添加。',
    'There are no providing departments yet; add one below.',
  ],
  orgAdd: ['添加提供部门', 'Add a providing department'],
  orgAddButton: ['添加', 'Add'],
  orgEdit: ['编辑提供部门：{name}', 'Edit providing department: {name}'],
  orgEditNamed: ['编辑 {name}', 'Edit {name}'],
  orgCreated: ['已添加提供部门“{name}”。', 'Added the providing department “{name}”.'],
  orgSaved: ['已保存提供部门“{name}”。', 'Saved the providing department “{name}”.'],
} as const;

export type AdminTextKey = keyof typeof TEXT;

export function say(
  locale: string | undefined,
  key: AdminTextKey,
  values: Record<string, string | number> = {},
): string {
  const template = TEXT[key][locale === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}

/** A `{ zh, en }` label (the model's vocabulary, domain names) in the page's language. */
export function pickLabel(locale: string | undefined, label: LocalizedText): string {
  return locale === 'en' ? label.en : label.zh;
}
