import { describe, expect, it } from 'vitest';
import {
  changes,
  draftOf,
  emptyDraft,
  keyCandidates,
  newField,
  parseDictionary,
  payloadOf,
  placeErrors,
  type StoredDataset,
  splitList,
} from '../src/ui/editor-model.ts';

const stored: StoredDataset = {
  id: '7a7c1f0e-0000-4000-8000-000000000001',
  identifier: null,
  title: '德州市公交线路信息',
  description: '线路编号与起止站点。',
  organization: { id: 'org-1', name: '德州市交通运输局' },
  domains: [{ code: 'transport' }],
  scenarios: [],
  tags: ['公交', '线路'],
  openType: 'unconditional',
  grade: 1,
  classifications: [],
  updateCycle: 'monthly',
  updateMethod: 'primary-key',
  licence: { code: 'open-unconditional-1.0' },
  formats: ['CSV'],
  recordCount: 386,
  fields: [
    {
      name: 'status',
      label: '状态',
      type: 'string',
      dictionary: [
        { code: '1', label: '运营' },
        { code: '0', label: '停用' },
      ],
    },
    { name: '票价', label: '票价', type: 'decimal', unit: '元' },
  ],
  primaryKey: ['status'],
  contact: { phone: '0534-2612345' },
  version: 3,
  state: 'published',
};

describe('the dataset form model', () => {
  it('splits typed lists at either width of comma, 顿号, semicolons and lines', () => {
    expect(splitList('公交， 线路、出行;夜班\n  ,')).toEqual(['公交', '线路', '出行', '夜班']);
    expect(splitList('  ')).toEqual([]);
  });

  it('reads code lists, keeping a line without "=" so the server can name it', () => {
    expect(parseDictionary('1=男\n 2 ＝ 女 \n\n9')).toEqual([
      { code: '1', label: '男' },
      { code: '2', label: '女' },
      { code: '9', label: '' },
    ]);
  });

  it('sends a new dataset with the required keys as typed and empty optional boxes left out', () => {
    const draft = { ...emptyDraft('org-1'), title: ' 车 ', domains: ['transport'] };
    draft.fields = [{ ...newField(), name: 'status', label: '状态', dictionary: '1=运营' }];
    expect(payloadOf(draft, 'create')).toEqual({
      title: '车',
      description: '',
      organizationId: 'org-1',
      domains: ['transport'],
      scenarios: [],
      tags: [],
      openType: 'unconditional',
      classifications: [],
      formats: [],
      fields: [
        {
          name: 'status',
          label: '状态',
          type: 'string',
          dictionary: [{ code: '1', label: '运营' }],
        },
      ],
      primaryKey: [],
      contact: {},
    });
  });

  it('round-trips a stored dataset, so an untouched form has nothing to send', () => {
    const draft = draftOf(stored);
    const before = payloadOf(draft, 'edit');
    expect(changes(before, payloadOf(draftOf(stored), 'edit'))).toEqual({});
    expect(before).toMatchObject({
      identifier: null,
      grade: 1,
      recordCount: 386,
      state: 'published',
      primaryKey: ['status'],
      fields: [
        {
          name: 'status',
          dictionary: [
            { code: '1', label: '运营' },
            { code: '0', label: '停用' },
          ],
        },
        { name: '票价', unit: '元' },
      ],
    });
  });

  it('sends only what changed, clearing what the user emptied', () => {
    const draft = draftOf(stored);
    const before = payloadOf(draft, 'edit');
    const edited = {
      ...draft,
      title: '德州市公交线路信息（2026）',
      contactPhone: '',
      fields: draft.fields.map((field, i) => (i === 0 ? { ...field, label: '运营状态' } : field)),
    };
    const body = changes(before, payloadOf(edited, 'edit'));
    expect(Object.keys(body).sort()).toEqual(['contact', 'fields', 'title']);
    expect(body.contact).toEqual({});
    expect((body.fields as { label: string }[])[0]!.label).toBe('运营状态');
  });

  it('places each sentence of a 400 on the most specific control it names', () => {
    expect(keyCandidates('fields[1].dictionary[0].label')).toEqual([
      'fields[1].dictionary[0].label',
      'fields[1].dictionary[0]',
      'fields[1].dictionary',
      'fields[1]',
      'fields',
    ]);
    const known = new Set(['title', 'domains', 'fields[1].dictionary', 'contact.phone']);
    const placed = placeErrors(
      '"title" length must be at least 2 characters long. "domains[0]" must be a string. "fields[1].dictionary[0].label" is not allowed to be empty. "contact.phone" with value "x" fails to match the phone number pattern. "colour" is not allowed',
      known,
    );
    expect([...placed.byKey.keys()]).toEqual([
      'title',
      'domains',
      'fields[1].dictionary',
      'contact.phone',
    ]);
    expect(placed.byKey.get('title')).toEqual([
      '"title" length must be at least 2 characters long.',
    ]);
    expect(placed.all).toHaveLength(5);
    expect(placed.all[4]).toEqual({ key: undefined, text: '"colour" is not allowed' });
    // The same in Chinese, as the server words it for a page shown in Chinese.
    const zh = placeErrors('“title”至少 2 个字符；“fields[1].dictionary[0].label”不能为空', known);
    expect([...zh.byKey.entries()]).toEqual([
      ['title', ['“title”至少 2 个字符']],
      ['fields[1].dictionary', ['“fields[1].dictionary[0].label”不能为空']],
    ]);
    // A refusal that names no key (a 409) is one sentence for the summary.
    expect(placeErrors('dataset x is published through the security review', known).all).toEqual([
      { key: undefined, text: 'dataset x is published through the security review' },
    ]);
  });
});
