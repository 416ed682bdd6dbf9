import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type pg from 'pg';
import type { ColumnInfo, FieldType } from '../store/columns.ts';
import { numberWhenExact } from '../store/db.ts';
import type { CurrentTable } from '../store/tables.ts';
import { copyOut } from './rows.ts';

export const DOWNLOAD_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
} as const;
export type DownloadFormat = keyof typeof DOWNLOAD_TYPES;

export interface DownloadInput {
  pool: pg.Pool;
  table: CurrentTable;
  dataset: { id: string; title: string; organisationName: string };
  /** The licence's citation line (L6); every format carries it. */
  citation: string;
}

/** A value from COPY's text output as JSON shows it. */
function typed(type: FieldType, value: string | null): string | number | boolean | null {
  if (value === null) return null;
  switch (type) {
    case 'integer':
    case 'decimal':
      return numberWhenExact(value);
    case 'boolean':
      return value === 't';
    default:
      return value;
  }
}

function csvQuote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * CSV: UTF-8 with BOM (so Excel shows Chinese), the citation as a `#` comment on the first
 * line, then the header; every value is quoted, so no data line can start with `#`.
 */
async function csv(input: DownloadInput): Promise<Readable> {
  const body = await copyOut(input.pool, input.table, 'csv');
  const out = new PassThrough();
  out.write(`\uFEFF# ${input.citation.replace(/[\r\n]+/g, ' ')}\n`);
  out.write(`${input.table.columns.map((column) => csvQuote(column.name)).join(',')}\n`);
  body.on('error', (error) => out.destroy(error));
  out.on('close', () => body.destroy());
  return body.pipe(out);
}

async function* batched(parts: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

function fieldList(columns: ColumnInfo[]) {
  return columns.map((column) => ({ name: column.name, type: column.type }));
}

async function json(input: DownloadInput): Promise<Readable> {
  const rows = await copyOut(input.pool, input.table, 'text');
  const { columns } = input.table;
  const names = columns.map((column) => JSON.stringify(column.name));
  async function* parts(): AsyncGenerator<string> {
    const head = {
      dataset: {
        id: input.dataset.id,
        title: input.dataset.title,
        publisher: input.dataset.organisationName,
      },
      citation: input.citation,
      fields: fieldList(columns),
    };
    yield `${JSON.stringify(head).slice(0, -1)},"records":[`;
    let first = true;
    for await (const values of rows as AsyncIterable<(string | null)[]>) {
      let line = first ? '\n{' : ',\n{';
      first = false;
      for (let index = 0; index < columns.length; index++) {
        line += `${index > 0 ? ',' : ''}${names[index]}:${JSON.stringify(typed(columns[index]!.type, values[index] ?? null))}`;
      }
      yield `${line}}`;
    }
    yield '\n]}\n';
  }
  return Readable.from(batched(parts()), { objectMode: false });
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/** Escapes text for XML and drops characters XML 1.0 cannot hold at all. */
function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/[&<>"]/g, (m) => XML_ESCAPES[m]!)
  );
}

async function xmlDocument(input: DownloadInput): Promise<Readable> {
  const rows = await copyOut(input.pool, input.table, 'text');
  const { columns } = input.table;
  const opens = columns.map((column) => `<field name="${xml(column.name)}"`);
  async function* parts(): AsyncGenerator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n';
    yield `<dataset id="${xml(input.dataset.id)}" title="${xml(input.dataset.title)}" publisher="${xml(input.dataset.organisationName)}">\n`;
    yield `<citation>${xml(input.citation)}</citation>\n<fields>`;
    for (const column of columns) yield `<field name="${xml(column.name)}" type="${column.type}"/>`;
    yield '</fields>\n<records>\n';
    for await (const values of rows as AsyncIterable<(string | null)[]>) {
      let line = '<record>';
      for (let index = 0; index < columns.length; index++) {
        const value = values[index] ?? null;
        line +=
          value === null ? `${opens[index]} nil="true"/>` : `${opens[index]}>${xml(value)}</field>`;
      }
      yield `${line}</record>\n`;
    }
    yield '</records>\n</dataset>\n';
  }
  return Readable.from(batched(parts()), { objectMode: false });
}

/** Rows per sheet below Excel's limit of 1,048,576 (the header takes one). */
const SHEET_ROWS = 1_000_000;
/** Sheet XML (uncompressed) the ZIP writer may hold before the rows wait for it. */
const XLSX_ENTRY_BUFFER = 1024 * 1024;
/** archiver's own buffers (of deflated bytes), each way. */
const XLSX_ZIP_BUFFER = 64 * 1024;

/** A writable stream of archiver's `readable-stream` 2, which has no `writableLength`. */
interface EntryStream {
  _writableState?: { length: number };
  writableLength?: number;
  on(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/**
 * The stream archiver reads a worksheet's XML from: exceljs writes each sheet into a buffer of
 * its own (`StreamBuf`, whose `write` always returns true) piped into a PassThrough that
 * archiver deflates at its own pace. Nothing tells exceljs to wait, so when the socket (or
 * deflate) is slower than the rows, that PassThrough holds the whole sheet — 430 MB for a
 * million rows. Its buffered length and its 'drain' are the back-pressure the rows must obey.
 * (exceljs 4.4; undefined if its internals change, and test/download.test.ts then fails.)
 */
function xlsxEntryStream(sheet: ExcelJS.Worksheet): EntryStream | undefined {
  const buffer = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const entry = buffer?.pipes?.[0] as EntryStream | undefined;
  return entry && typeof entry.on === 'function' ? entry : undefined;
}

function buffered(entry: EntryStream): number {
  return entry._writableState?.length ?? entry.writableLength ?? 0;
}

/** Resolves when the entry has drained, or the response is gone (no more rows are wanted). */
function drained(entry: EntryStream, out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      entry.removeListener('drain', done);
      out.off('close', done);
      resolve();
    };
    entry.on('drain', done);
    out.on('close', done);
  });
}

async function xlsx(input: DownloadInput): Promise<Readable> {
  const rows = await copyOut(input.pool, input.table, 'text');
  const { columns } = input.table;
  const out = new PassThrough();
  const { default: Excel } = await import('exceljs'); // ~160 ms to load: only when needed
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
    // archiver buffers 1 MiB each way by default, of deflated bytes (some 7 MiB of rows);
    // `highWaterMark` is archiver's (a Transform option) but missing from exceljs' types.
    zip: {
      highWaterMark: XLSX_ZIP_BUFFER,
    } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions['zip'],
  });
  const header = columns.map((column) => column.name);
  const run = async () => {
    let sheet = workbook.addWorksheet('数据');
    sheet.addRow(header).commit();
    let entry = xlsxEntryStream(sheet);
    let inSheet = 0;
    for await (const values of rows as AsyncIterable<(string | null)[]>) {
      if (inSheet === SHEET_ROWS) {
        sheet.commit();
        sheet = workbook.addWorksheet(`数据${workbook.worksheets.length + 1}`);
        sheet.addRow(header).commit();
        entry = xlsxEntryStream(sheet);
        inSheet = 0;
      }
      sheet
        .addRow(columns.map((column, index) => typed(column.type, values[index] ?? null)))
        .commit();
      inSheet++;
      if (entry && buffered(entry) > XLSX_ENTRY_BUFFER) await drained(entry, out);
      if (out.destroyed) return;
    }
    sheet.commit();
    const about = workbook.addWorksheet('说明');
    about.addRow(['数据来源与许可']).commit();
    about.addRow([input.citation]).commit();
    about.commit();
    await workbook.commit();
  };
  out.on('close', () => rows.destroy());
  run().catch((error: Error) => out.destroy(error));
  return out;
}

export function download(format: DownloadFormat, input: DownloadInput): Promise<Readable> {
  switch (format) {
    case 'csv':
      return csv(input);
    case 'json':
      return json(input);
    case 'xml':
      return xmlDocument(input);
    case 'xlsx':
      return xlsx(input);
  }
}

/** RFC 6266: an ASCII fallback plus the Chinese name in `filename*` (RFC 8187). */
export function contentDisposition(title: string, datasetId: string, extension: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters break the header
  const clean = title.replace(/[\\/:*?"<>|\u0000-\u001F]/g, '').trim() || datasetId;
  return `attachment; filename="dataset-${datasetId}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${clean}.${extension}`)}`;
}
