import { describe, expect, it } from 'vitest';
import { csvBatches } from '../src/ingest/csv.ts';
import { FileProblem } from '../src/ingest/detect.ts';
import { normalise, TypeInference } from '../src/store/columns.ts';

/** Feeds `text` in chunks of `size` characters, so records cross chunk boundaries. */
async function rows(text: string, size = 3) {
  async function* chunks() {
    for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
  }
  const out: { line: number; values: string[] }[] = [];
  for await (const batch of csvBatches(chunks(), ',')) out.push(...batch);
  return out;
}

describe('the CSV reader', () => {
  it('reads quotes, doubled quotes, separators and line breaks inside values, and CRLF', async () => {
    const text = 'a,b\r\n"德州,德城区","他说""好"""\r\n\r\n"第一行\n第二行",x\r\nplain,""\n';
    expect(await rows(text)).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['德州,德城区', '他说"好"'] },
      { line: 4, values: ['第一行\n第二行', 'x'] },
      { line: 6, values: ['plain', ''] },
    ]);
  });

  it('names the line of a quote that is never closed or is followed by stray text', async () => {
    await expect(rows('a,b\n1,2\n"open,3\n4,5\n')).rejects.toThrow(
      new FileProblem(
        'line 3: a quoted value is never closed; every " that opens a value needs a closing "',
      ),
    );
    await expect(rows('a,b\n"x"y,2\n')).rejects.toThrow(
      /^line 2: a quoted value is followed by 'y'/,
    );
  });
});

describe('value types', () => {
  it('accepts only values PostgreSQL will take, and normalises dates', () => {
    expect(normalise('date', '2024/2/29')).toBe('2024-02-29');
    expect(normalise('date', '2023年2月29日')).toBeUndefined();
    expect(normalise('date', '2024-13-01')).toBeUndefined();
    expect(normalise('datetime', '2024-1-2 3:04')).toBe('2024-01-02 03:04:00');
    expect(normalise('integer', '0012')).toBeUndefined();
    expect(normalise('decimal', '-12.50')).toBe('-12.50');
    expect(normalise('integer', ' ')).toBeNull();
  });

  it('keeps codes as text: leading zeros, long digit runs and code-like field names', () => {
    const inference = new TypeInference(['邮编', '身份证号', '人数', '序列']);
    inference.add(['253000', '371402199001011234', '12', '1234567890123456']);
    inference.add(['053400', '371402199001015678', '7', '1']);
    expect(inference.types()).toEqual(['string', 'string', 'integer', 'string']);
  });
});
