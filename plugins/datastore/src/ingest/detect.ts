import chardet from 'chardet';
import type { FileFormat } from '../entities/ingest.ts';

/** A 4xx-worthy problem with an uploaded file; the message tells the uploader what to do. */
export class FileProblem extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls / .doc
const PDF = [0x25, 0x50, 0x44, 0x46];

function startsWith(head: Buffer, magic: number[]): boolean {
  return magic.every((byte, index) => head[index] === byte);
}

/**
 * What a file is, judged by its first bytes and checked against its name: a renamed binary is
 * refused before any job runs.
 */
export function detectFormat(fileName: string, head: Buffer): FileFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(head, OLE)) {
    throw new FileProblem(
      `'${fileName}' is a legacy Excel (.xls) or Office file; save it as .xlsx or .csv and upload again`,
    );
  }
  if (startsWith(head, ZIP)) {
    if (extension !== 'xlsx') {
      throw new FileProblem(
        `'${fileName}' is a ZIP archive; upload the .xlsx, .csv or .json file itself`,
      );
    }
    return 'xlsx';
  }
  if (extension === 'xlsx') {
    throw new FileProblem(`'${fileName}' is named .xlsx but is not an Excel workbook`);
  }
  if (startsWith(head, PDF) || head.subarray(0, 8192).includes(0)) {
    throw new FileProblem(
      `'${fileName}' is a binary file; upload CSV, XLSX or JSON (UTF-8 or GBK text)`,
    );
  }
  const text = head
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (extension === 'json' || extension === 'ndjson' || extension === 'jsonl') {
    if (!text.startsWith('[') && !text.startsWith('{')) {
      throw new FileProblem(`'${fileName}' does not start with [ or {; it is not JSON`);
    }
    return 'json';
  }
  if (extension === 'csv' || extension === 'txt' || extension === 'tsv') return 'csv';
  throw new FileProblem(
    `'${fileName}': only .csv, .xlsx and .json files can be loaded (got '.${extension || '?'}')`,
  );
}

/** The encodings a text upload may have; GB18030 is a superset of GBK and GB2312. */
export type TextEncoding = 'utf8' | 'gb18030';

/**
 * Valid UTF-8 wins (GBK text is almost never valid UTF-8); otherwise chardet decides, and
 * anything that is not UTF-8 is read as GB18030, the encoding Chinese Excel exports use.
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    // `stream: true` lets a character cut at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    const guess = chardet.detect(head)?.toUpperCase() ?? '';
    return guess.startsWith('UTF-8') ? 'utf8' : 'gb18030';
  }
}
