import { randomUUID } from 'node:crypto';
import type { Clock, Jobs, Storage } from '@kaifang/sdk';
import type pg from 'pg';
import type { CatalogPort, DatasetFacts } from './catalog-port.ts';
import { insertJob } from './ingest/job.ts';
import { currentTable } from './store/tables.ts';

/** Dezhou's districts, county-level cities and counties. */
export const DEZHOU_DISTRICTS = [
  '德城区',
  '陵城区',
  '禹城市',
  '乐陵市',
  '临邑县',
  '平原县',
  '夏津县',
  '武城县',
  '庆云县',
  '宁津县',
  '齐河县',
] as const;

/** Streets of Dezhou's city centre, for believable addresses. */
export const DEZHOU_STREETS = [
  '东风路',
  '湖滨大道',
  '天衢路',
  '三八路',
  '新华路',
  '解放路',
  '长河大道',
  '德兴大道',
  '大学路',
  '岔河路',
];
const WORDS = [
  '康宁',
  '惠民',
  '新城',
  '阳光',
  '明德',
  '育才',
  '华源',
  '安泰',
  '长河',
  '金桥',
  '益民',
  '和谐',
];
const KINDS = [
  '社区卫生服务中心',
  '幼儿园',
  '便民服务站',
  '农贸市场',
  '公共停车场',
  '养老服务中心',
  '文化活动中心',
  '加油站',
];
const CATEGORIES = ['甲类', '乙类', '丙类'];

/** mulberry32: small, fast and the same on every machine, so demo data is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

interface DemoField {
  name: string;
  kind:
    | 'district'
    | 'name'
    | 'address'
    | 'date'
    | 'integer'
    | 'amount'
    | 'category'
    | 'code'
    | 'longitude'
    | 'latitude'
    | 'route'
    | 'measure'
    | 'text';
  /** For names: what kind of organisation the field names (a pool of suffixes). */
  suffixes?: readonly string[];
}

/** Name suffixes by what a field's label says it names, so names look like the real thing. */
const NAME_SUFFIXES: [RegExp, readonly string[]][] = [
  [
    /企业|公司|单位|商户|经营者/,
    ['有限公司', '科技有限公司', '商贸有限公司', '建设有限公司', '农业发展有限公司'],
  ],
  [/医|卫生|诊/, ['人民医院', '中医院', '卫生院', '社区卫生服务中心', '诊所']],
  [/学校|学|园/, ['实验小学', '第一中学', '幼儿园', '职业中专']],
  [/酒店|宾馆|旅/, ['大酒店', '宾馆', '快捷酒店']],
  [/公交|站点/, ['公交站', '客运站', '公交首末站']],
  [/车|站|场/, ['公共停车场', '充电站', '停车场']],
];

const DEFAULT_FIELDS: DemoField[] = [
  { name: '编号', kind: 'code' },
  { name: '名称', kind: 'name' },
  { name: '区县', kind: 'district' },
  { name: '地址', kind: 'address' },
  { name: '类别', kind: 'category' },
  { name: '登记日期', kind: 'date' },
  { name: '数量', kind: 'integer' },
  { name: '金额（元）', kind: 'amount' },
];

/** Picks a generator for a declared field from its type and the words of its name. */
function demoField(field: { name: string; label: string; type: string }): DemoField {
  const words = `${field.name}${field.label}`;
  const name = field.label || field.name;
  // Coordinates inside Dezhou's bounding box, so a map of the demo data lands on Dezhou.
  if (/经度|longitude|lng/i.test(words)) return { name, kind: 'longitude' };
  if (/纬度|latitude|lat\b/i.test(words)) return { name, kind: 'latitude' };
  if (/线路|路线/.test(words)) return { name, kind: 'route' };
  // Readings (concentrations, indices, weather) are small numbers, not amounts of money.
  if (/PM|浓度|指数|AQI|温度|湿度|降水|风速|气压|水位|流量/i.test(words))
    return { name, kind: 'measure' };
  if (field.type === 'date' || field.type === 'datetime' || /日期|时间/.test(words))
    return { name, kind: 'date' };
  if (field.type === 'integer' || /数量|人数|个数|次数/.test(words))
    return { name, kind: 'integer' };
  if (field.type === 'decimal' || /金额|费用|价格|面积/.test(words))
    return { name, kind: 'amount' };
  if (/区县|区划|县区|县市区|所属区|行政区|区域/.test(words)) return { name, kind: 'district' };
  if (/地址|位置/.test(words)) return { name, kind: 'address' };
  if (/编号|代码|编码/.test(words)) return { name, kind: 'code' };
  if (/类别|类型|等级/.test(words)) return { name, kind: 'category' };
  if (/名称|单位|机构|企业|医院|学校|商户/.test(words)) {
    const suffixes = NAME_SUFFIXES.find(([pattern]) => pattern.test(words))?.[1] ?? KINDS;
    return { name, kind: 'name', suffixes };
  }
  return { name, kind: 'text' };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Believable rows for one dataset (fixed seed per dataset id): Dezhou place names, dates in
 * the last three years, amounts in yuan. Uses the dataset's declared fields when it has some.
 */
export function demoCsv(dataset: Pick<DatasetFacts, 'id' | 'fields'>, rows: number): string {
  const random = seededRandom(hashSeed(dataset.id));
  const fields = dataset.fields.length > 0 ? dataset.fields.map(demoField) : DEFAULT_FIELDS;
  const lines = [fields.map((field) => csvCell(field.name)).join(',')];
  const start = Date.UTC(2023, 0, 1);
  for (let row = 1; row <= rows; row++) {
    const district = pick(random, DEZHOU_DISTRICTS);
    const values = fields.map((field): string => {
      switch (field.kind) {
        case 'district':
          return district;
        case 'name':
          return `${district.slice(0, 2)}${pick(random, WORDS)}${pick(random, field.suffixes ?? KINDS)}`;
        case 'address':
          return `山东省德州市${district}${pick(random, DEZHOU_STREETS)}${1 + Math.floor(random() * 300)}号`;
        case 'date':
          return new Date(start + Math.floor(random() * 1095) * 86_400_000)
            .toISOString()
            .slice(0, 10);
        case 'integer':
          return String(1 + Math.floor(random() * 500));
        case 'amount':
          return (100 + random() * 99_900).toFixed(2);
        case 'category':
          return pick(random, CATEGORIES);
        case 'code':
          return `371400${String(row).padStart(6, '0')}`;
        case 'longitude':
          return (115.75 + random() * 1.5).toFixed(6);
        case 'latitude':
          return (36.4 + random() * 1.6).toFixed(6);
        case 'route':
          return `${1 + Math.floor(random() * 120)}路`;
        case 'measure':
          return (random() * 200).toFixed(1);
        default:
          return `${district}${pick(random, WORDS)}`;
      }
    });
    lines.push(values.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface DemoDeps {
  pool: pg.Pool;
  catalog: CatalogPort;
  storage: Storage;
  jobs: Jobs;
  clock: Clock;
  rows: number;
}

/**
 * Queues a load of generated rows for every published, open dataset that has no data yet;
 * returns their ids. Running it again does nothing for datasets that already have data.
 */
export async function seedDemoData(deps: DemoDeps): Promise<string[]> {
  const seeded: string[] = [];
  for (const dataset of await deps.catalog.publishedDatasets()) {
    if (dataset.openType === 'closed') continue;
    if (await currentTable(deps.pool, dataset.id)) continue;
    const pending = await deps.pool.query(
      `select 1 from datastore_ingest where dataset_id = $1 and state in ('queued', 'running')`,
      [dataset.id],
    );
    if (pending.rowCount) continue;
    const id = randomUUID();
    const fileKey = `uploads/${dataset.id}/${id}.csv`;
    const stored = await deps.storage.put(fileKey, demoCsv(dataset, deps.rows));
    await insertJob(deps.pool, {
      id,
      datasetId: dataset.id,
      method: 'full',
      fileKey,
      fileName: `${dataset.title}.csv`,
      format: 'csv',
      encoding: 'utf8',
      primaryKey: [],
      bytesTotal: stored.size,
      createdBy: null,
      now: deps.clock.now(),
    });
    await deps.jobs.send('ingest', { ingestId: id });
    seeded.push(dataset.id);
  }
  return seeded;
}
