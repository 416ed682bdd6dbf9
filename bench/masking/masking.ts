/**
 * Masking throughput: the cost of data-security's masks inside the ingest stream, as a share of
 * the ingest time without masking.
 *
 * 1. Generates a 1,000,000-row CSV (~190 MB) like bench/ingest's (codes, Chinese names of places,
 *    dates, integers, amounts; that generator is not exported, so the shape is repeated here)
 *    plus four personal columns: 姓名, 身份证号 (valid GB 11643 numbers), 手机, 家庭住址.
 * 2. Ingests it into two datasets of one kernel (auth-sso, domains, catalog, datastore, review,
 *    data-security), alternating, RUNS times each:
 *    - "masked": the default rules (ID keep 6/4, mobile keep 3/4, name keep 1, address →
 *      district), so four of ten columns go through a mask on every row;
 *    - "unmasked": the same file after a reviewer marked every detected column "not sensitive"
 *      (detection still runs on the 50 sample values; no mask is installed).
 *    Ingest time is the job's startedAt → finishedAt (parse, mask, infer, COPY, index, swap).
 * 3. Microbench: each rule alone over 1,000,000 values, single thread, in values/s.
 *
 *   npx tsx bench/masking/masking.ts        # ROWS=200000 RUNS=1 for a quicker run;
 *                                           # SCRUB=1 to add the stray-value scan; MICRO_ONLY=1 for the mask functions alone
 */
import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckCharacter } from '@kaifang/plugin-auth-sso';
import { scrubStrays } from '../../plugins/data-security/src/detect.ts';
import { compileRule, DEFAULT_RULES, type MaskRule } from '../../plugins/data-security/src/mask.ts';
import dataSecurity from '../../plugins/data-security/src/plugin.ts';
import { createStack, ingest } from '../../plugins/data-security/test/support.ts';
import { DEZHOU_DISTRICTS, seededRandom } from '../../plugins/datastore/src/demo.ts';
import datastore from '../../plugins/datastore/src/plugin.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 2);

const STREETS = ['新湖大街', '东风中路', '天衢西路', '湖滨北大道', '三八东路', '德兴中大道'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华';

async function generate(file: string): Promise<void> {
  const random = seededRandom(20261203);
  const out = createWriteStream(file);
  const start = Date.UTC(2019, 0, 1);
  let chunk = '编号,姓名,身份证号,手机,家庭住址,区县,类别,登记日期,数量,金额\n';
  for (let i = 0; i < ROWS; i++) {
    const district = DEZHOU_DISTRICTS[i % DEZHOU_DISTRICTS.length]!;
    const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 25_000) * 86_400_000);
    const first17 = `3714${String(1 + (i % 27)).padStart(2, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
    const id = first17 + idCheckCharacter(first17);
    const mobile = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    const name =
      SURNAMES[Math.floor(random() * SURNAMES.length)]! +
      GIVEN[Math.floor(random() * GIVEN.length)]! +
      (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)]! : '');
    const address = `山东省德州市${district}${STREETS[Math.floor(random() * STREETS.length)]}${1 + Math.floor(random() * 999)}号${1 + Math.floor(random() * 6)}单元${101 + Math.floor(random() * 1800)}室`;
    const date = new Date(start + Math.floor(random() * 2000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    chunk += `3714${String(i).padStart(10, '0')},${name},${id},${mobile},${address},${district},${['甲类', '乙类', '丙类'][i % 3]},${date},${1 + Math.floor(random() * 5000)},${(random() * 1_000_000).toFixed(2)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function microbench(): void {
  const random = seededRandom(7);
  const values = {
    id: Array.from(
      { length: 1000 },
      (_, i) => `3714021985${String(1000000 + i * 37).slice(-6)}12X`,
    ),
    mobile: Array.from(
      { length: 1000 },
      () => `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    ),
    address: Array.from(
      { length: 1000 },
      (_, i) => `山东省德州市${DEZHOU_DISTRICTS[i % 11]}新湖大街${i}号3单元501室`,
    ),
    date: Array.from({ length: 1000 }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`),
    code: Array.from({ length: 1000 }, (_, i) => `3714${String(i * 7919).padStart(10, '0')}`),
    remark: Array.from(
      { length: 1000 },
      (_, i) => `第${i}次随访，身份证号11010519491231002X，正常`,
    ),
    district: Array.from({ length: 1000 }, (_, i) => DEZHOU_DISTRICTS[i % 11]!),
  };
  const cases: [string, MaskRule | null, string[]][] = [
    ['keep 6/4 (ID number)', DEFAULT_RULES['id-card'], values.id],
    ['keep 3/4 (mobile)', DEFAULT_RULES.mobile, values.mobile],
    ['hash (HMAC-SHA256, 16 hex)', { kind: 'hash' }, values.id],
    ['generalise address → district', DEFAULT_RULES.address, values.address],
    ['generalise date → month', { kind: 'generalise', to: 'month' }, values.date],
    ['replace', { kind: 'replace', with: '***' }, values.mobile],
    ['scrubStrays: 14-digit codes', null, values.code],
    ['scrubStrays: text with an ID number', null, values.remark],
    ['scrubStrays: short text, no digits', null, values.district],
  ];
  console.log('\nmask functions alone, 1,000,000 values each:');
  for (const [label, rule, input] of cases) {
    const mask = rule ? compileRule(rule, 'bench-salt-0123456789') : scrubStrays();
    let sink = 0;
    const began = performance.now();
    for (let i = 0; i < 1_000_000; i++) sink += mask(input[i % 1000]!).length;
    const seconds = (performance.now() - began) / 1000;
    console.log(
      `  ${label.padEnd(36)} ${(1_000_000 / seconds / 1e6).toFixed(2).padStart(6)} M values/s  (${sink > 0 ? 'ok' : '-'})`,
    );
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'kaifang-bench-masking-'));
  const file = join(dir, 'dezhou-personal-1m.csv');
  const stack = await createStack({
    datastore: datastore.configure({ maxUploadBytes: 2 * 1024 ** 3 }),
    // SCRUB=1 also scans the unflagged columns for stray ID numbers, mobiles and e-mails.
    dataSecurity: dataSecurity.configure({
      salt: 'bench-salt-0123456789',
      scrubStrays: process.env.SCRUB === '1',
    }),
    listen: true,
  });
  const { test, provider, admin } = stack;
  try {
    const began = performance.now();
    await generate(file);
    const { size } = await stat(file);
    console.log(
      `generated ${ROWS.toLocaleString()} rows, ${(size / 1024 ** 2).toFixed(1)} MB in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );

    const masked = await stack.draft({ title: '德州市居民信息（脱敏基准）' });
    const unmasked = await stack.draft({ title: '德州市居民信息（未脱敏基准）' });
    // Worst case: the two number columns as salted HMAC pseudonyms instead of keep-first/last.
    const hashed = await stack.draft({ title: '德州市居民信息（哈希基准）' });
    for (const field of ['身份证号', '手机']) {
      await test.inject({
        method: 'PUT',
        url: `/api/v1/data-security/datasets/${hashed}/rules`,
        headers: provider.headers,
        payload: { field, rule: { kind: 'hash' } },
      });
    }
    // Teach the "unmasked" dataset its columns, then let a reviewer lift every mask.
    const head = (await import('node:fs/promises'))
      .readFile(file, 'utf8')
      .then((text) => text.slice(0, text.indexOf('\n', 20_000) + 1));
    const sample = await head;
    await ingest(test, unmasked, provider.headers, sample);
    const status = (
      await test.inject({
        url: `/api/v1/data-security/datasets/${unmasked}`,
        headers: admin.headers,
      })
    ).json();
    const flagged = status.columns
      .filter((c: { flagged: boolean }) => c.flagged)
      .map((c: { field: string }) => c.field);
    for (const field of flagged) {
      await test.inject({
        method: 'PUT',
        url: `/api/v1/data-security/datasets/${unmasked}/decisions`,
        headers: admin.headers,
        payload: { field, sensitive: false },
      });
    }
    console.log(`detected and masked by default: ${flagged.join(', ')}`);

    const timed = async (datasetId: string): Promise<number> => {
      const form = new FormData();
      form.set('file', await openAsBlob(file), 'personal-1m.csv');
      const response = await fetch(`${test.url}/api/v1/datasets/${datasetId}/resources`, {
        method: 'POST',
        headers: provider.headers,
        body: form,
      });
      if (response.status !== 202)
        throw new Error(`upload: ${response.status} ${await response.text()}`);
      const { jobId } = (await response.json()) as { jobId: string };
      for (;;) {
        const job = (await (
          await fetch(`${test.url}/api/v1/jobs/${jobId}`, { headers: provider.headers })
        ).json()) as {
          state: string;
          startedAt: string;
          finishedAt: string;
          error?: string;
        };
        if (job.state === 'completed')
          return (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000;
        if (job.state !== 'queued' && job.state !== 'running')
          throw new Error(`ingest ${job.state}: ${job.error}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const plain: number[] = [];
    const withMasks: number[] = [];
    const withHashes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // The order rotates, so that no variant always follows the same one.
      const order: [number[], string][] = [
        [plain, unmasked],
        [withMasks, masked],
        [withHashes, hashed],
      ];
      for (let step = 0; step < 3; step++) {
        const [times, id] = order[(run + step) % 3]!;
        times.push(await timed(id));
      }
      console.log(
        `run ${run + 1}: without masking ${plain.at(-1)!.toFixed(2)} s · default masks ${withMasks.at(-1)!.toFixed(2)} s · with hashes ${withHashes.at(-1)!.toFixed(2)} s`,
      );
    }
    for (const [label, id] of [
      ['default masks', masked],
      ['with hashes', hashed],
    ] as const) {
      const records = (
        await test.inject({
          url: `/api/v1/datasets/${id}/records?limit=1`,
          headers: provider.headers,
        })
      ).json();
      console.log(`a row, ${label}:`, JSON.stringify(records.records[0]));
    }
    const a = median(plain);
    const b = median(withMasks);
    const c = median(withHashes);
    const line = (label: string, seconds: number) =>
      console.log(
        `  ${label.padEnd(40)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(ROWS / seconds)
          .toLocaleString()
          .padStart(9)} rows/s  ${(((seconds - a) / a) * 100).toFixed(1).padStart(6)}% vs unmasked`,
      );
    console.log(`\nmedians of ${RUNS} runs, ${ROWS.toLocaleString()} rows:`);
    line('ingest without masking', a);
    line('ingest, default masks (4 of 10 columns)', b);
    line('ingest, 2 hashes + 2 masks', c);
    microbench();
  } finally {
    await test.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.env.MICRO_ONLY === '1') microbench();
else await main();
