import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
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
/** The ZIP writer does not wait for the socket; pause the rows while this much is unread. */
const XLSX_BUFFER = 8 * 1024 * 1024;

async function xlsx(input: DownloadInput): Promise<Readable> {
  const rows = await copyOut(input.pool, input.table, 'text');
  const { columns } = input.table;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const header = columns.map((column) => column.name);
  const run = async () => {
    let sheet = workbook.addWorksheet('数据');
    sheet.addRow(header).commit();
    let inSheet = 0;
    for await (const values of rows as AsyncIterable<(string | null)[]>) {
      if (inSheet === SHEET_ROWS) {
        sheet.commit();
        sheet = workbook.addWorksheet(`数据${workbook.worksheets.length + 1}`);
        sheet.addRow(header).commit();
        inSheet = 0;
      }
      sheet
        .addRow(columns.map((column, index) => typed(column.type, values[index] ?? null)))
        .commit();
      inSheet++;
      while (out.readableLength > XLSX_BUFFER && !out.destroyed) await once(out, 'data');
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
