import { createInterface } from 'node:readline';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FileFormat } from '../entities/ingest.ts';
import { csvBatches, decodeText } from './csv.ts';
import { FileProblem, type TextEncoding } from './detect.ts';

/** One data row of an uploaded file; `line` is where it is in the file, for error messages. */
export interface SourceRow {
  line: number;
  values: string[];
}

export interface ParsedFile {
  header: string[];
  /** Rows in batches: the loader's inner loop is synchronous over a batch, which is what makes it fast. */
  batches: AsyncIterator<SourceRow[]>;
  /** Where a row is, in words (`line 12`, `row 12`, `record 12`). */
  place(line: number): string;
}

/** Counts bytes as they pass, so the job can report a percentage for any format. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** JSON arrays are parsed whole; beyond this size use CSV or NDJSON (one object per line). */
export const JSON_ARRAY_LIMIT = 64 * 1024 * 1024;

export async function openParsed(
  source: Readable,
  format: FileFormat,
  encoding: TextEncoding,
  fileName: string,
): Promise<ParsedFile> {
  switch (format) {
    case 'csv':
      return openCsv(source, encoding, fileName);
    case 'xlsx':
      return openXlsx(source);
    case 'json':
      return openJson(source, encoding, fileName);
  }
}

function decoded(source: Readable, encoding: TextEncoding): Readable {
  // iconv-lite strips a UTF-8 BOM; GB18030 covers GBK and GB2312.
  return source.pipe(
    iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'gb18030'),
  ) as unknown as Readable;
}

async function openCsv(
  source: Readable,
  encoding: TextEncoding,
  fileName: string,
): Promise<ParsedFile> {
  const batches = csvBatches(decodeText(source, encoding), /\.tsv$/i.test(fileName) ? '\t' : ',');
  let first = await batches.next();
  while (!first.done && first.value.length === 0) first = await batches.next();
  if (first.done)
    throw new FileProblem(`'${fileName}' is empty; the first line must name the fields`);
  const header = first.value[0]!.values;
  const width = header.length;
  const checked = (batch: SourceRow[]): SourceRow[] => {
    for (const row of batch) {
      if (row.values.length !== width) {
        throw new FileProblem(
          `line ${row.line}: the row has ${row.values.length} fields but the header has ${width}; quote values that contain commas and check for stray separators`,
        );
      }
    }
    return batch;
  };
  let rest: SourceRow[] | undefined = first.value.slice(1);
  return {
    header,
    place: (line) => `line ${line}`,
    batches: {
      next: async () => {
        if (rest) {
          const batch = rest;
          rest = undefined;
          return { done: false, value: checked(batch) };
        }
        const item = await batches.next();
        return item.done ? item : { done: false, value: checked(item.value) };
      },
      return: async () => {
        source.destroy();
        return { done: true, value: undefined };
      },
    },
  };
}

/** Groups a row-at-a-time iterator (XLSX, JSON) into batches. */
function inBatches(rows: AsyncIterator<SourceRow>, size = 512): AsyncIterator<SourceRow[]> {
  return {
    next: async () => {
      const batch: SourceRow[] = [];
      while (batch.length < size) {
        const item = await rows.next();
        if (item.done) break;
        batch.push(item.value);
      }
      return batch.length > 0 ? { done: false, value: batch } : { done: true, value: undefined };
    },
    return: async () => {
      await rows.return?.();
      return { done: true, value: undefined };
    },
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores dates without a zone; exceljs reads them as UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return JSON.stringify(value);
  }
  return String(value);
}

function rowTexts(row: ExcelJS.Row, width?: number): string[] {
  // exceljs rows are 1-based and sparse.
  const values = row.values as ExcelJS.CellValue[];
  const count = width ?? values.length - 1;
  const texts: string[] = [];
  for (let index = 1; index <= count; index++) texts.push(cellText(values[index]));
  return texts;
}

async function openXlsx(source: Readable): Promise<ParsedFile> {
  const { default: Excel } = await import('exceljs'); // ~160 ms to load: only when needed
  const reader = new Excel.stream.xlsx.WorkbookReader(source, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const sheet = await sheets.next();
  if (sheet.done) throw new FileProblem('the workbook has no worksheet');
  const rows = (sheet.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const first = await rows.next();
  if (first.done)
    throw new FileProblem('the first worksheet is empty; its first row must name the fields');
  const header = rowTexts(first.value);
  return {
    header,
    place: (line) => `row ${line} of the first worksheet`,
    batches: inBatches({
      next: async () => {
        const item = await rows.next();
        if (item.done) return { done: true, value: undefined };
        const values = rowTexts(item.value, header.length);
        if (
          rowTexts(item.value)
            .slice(header.length)
            .some((value) => value !== '')
        ) {
          throw new FileProblem(
            `row ${item.value.number} of the first worksheet has values beyond the last named column; give every column a header`,
          );
        }
        return { done: false, value: { line: item.value.number, values } };
      },
      return: async () => {
        source.destroy();
        return { done: true, value: undefined };
      },
    }),
  };
}

function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function openJson(
  source: Readable,
  encoding: TextEncoding,
  fileName: string,
): Promise<ParsedFile> {
  const text = decoded(source, encoding);
  // NDJSON (one object per line) streams; a JSON array is read whole, within a limit.
  if (/\.(ndjson|jsonl)$/i.test(fileName)) return openNdjson(text);
  let body = '';
  for await (const chunk of text) {
    body += chunk as string;
    if (body.length > JSON_ARRAY_LIMIT) {
      throw new FileProblem(
        `'${fileName}' is larger than ${JSON_ARRAY_LIMIT / 1024 / 1024} MB; upload large data as CSV or NDJSON`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new FileProblem(`'${fileName}' is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(parsed)
    ? parsed
    : ((parsed as Record<string, unknown>)?.records ?? (parsed as Record<string, unknown>)?.data);
  if (!Array.isArray(list)) {
    throw new FileProblem(
      `'${fileName}' must hold an array of objects, or an object with a "records" array`,
    );
  }
  const keys = new Map<string, number>();
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new FileProblem(`record ${index + 1} is not an object with field names`);
    }
    for (const key of Object.keys(item)) if (!keys.has(key)) keys.set(key, keys.size);
  });
  const header = [...keys.keys()];
  let index = 0;
  return {
    header,
    place: (line) => `record ${line}`,
    batches: inBatches({
      next: async () => {
        if (index >= list.length) return { done: true, value: undefined };
        const item = list[index] as Record<string, unknown>;
        index++;
        return {
          done: false,
          value: { line: index, values: header.map((key) => jsonText(item[key])) },
        };
      },
    }),
  };
}

async function openNdjson(text: Readable): Promise<ParsedFile> {
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY })[
    Symbol.asyncIterator
  ]();
  let lineNumber = 0;
  const readObject = async (): Promise<
    { line: number; item: Record<string, unknown> } | undefined
  > => {
    for (;;) {
      const next = await lines.next();
      if (next.done) return undefined;
      lineNumber++;
      const raw = (next.value as string).replace(/^\uFEFF/, '').trim();
      if (raw === '') continue;
      try {
        const item = JSON.parse(raw) as unknown;
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          return { line: lineNumber, item: item as Record<string, unknown> };
        }
      } catch {
        // reported below
      }
      throw new FileProblem(`line ${lineNumber}: not a JSON object`);
    }
  };
  const first = await readObject();
  if (!first) throw new FileProblem('the file holds no JSON object');
  // NDJSON streams, so the first object's keys name the fields.
  const header = Object.keys(first.item);
  let pending: typeof first | undefined = first;
  return {
    header,
    place: (line) => `line ${line}`,
    batches: inBatches({
      next: async () => {
        const current = pending ?? (await readObject());
        pending = undefined;
        if (!current) return { done: true, value: undefined };
        const unknown = Object.keys(current.item).find((key) => !header.includes(key));
        if (unknown !== undefined) {
          throw new FileProblem(
            `line ${current.line}: field '${unknown}' is not in the first object; every object must use the first one's fields`,
          );
        }
        return {
          done: false,
          value: { line: current.line, values: header.map((key) => jsonText(current.item[key])) },
        };
      },
    }),
  };
}
