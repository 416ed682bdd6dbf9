import { describe, expect, it } from 'vitest';
import { type DataField, KindRegistry, type ReviewerField } from '../src/kinds.ts';

const kind = (dataFields: unknown) => ({
  name: 'probe.application',
  label: { zh: '申请', en: 'Application' },
  reviewers: { role: 'platform-admin' as const },
  workdays: 5,
  dataFields: dataFields as DataField[],
});

describe('a kind’s data labels', () => {
  it('are accepted with both languages and readable value labels', () => {
    const registry = new KindRegistry().asPlugin('probe');
    registry.declare(
      kind([
        { name: 'reason', label: { zh: '申请理由', en: 'Reason' } },
        {
          name: 'usage',
          label: { zh: '使用场景', en: 'Use' },
          values: { research: { zh: '科学研究', en: 'Research' } },
        },
      ]),
    );
    expect(registry.get('probe.application')?.dataFields?.map((f) => f.name)).toEqual([
      'reason',
      'usage',
    ]);
  });

  it.each([
    [
      [{ name: 'reason', label: { zh: '申请理由' } }],
      "dataFields 'reason' needs a label with non-empty zh and en texts",
    ],
    [
      [{ name: 'reason', label: { zh: ' ', en: 'Reason' } }],
      "dataFields 'reason' needs a label with non-empty zh and en texts",
    ],
    [
      [
        { name: 'reason', label: { zh: '理由', en: 'Reason' } },
        { name: 'reason', label: { zh: '原因', en: 'Cause' } },
      ],
      "dataFields names 'reason' twice",
    ],
    [[{ label: { zh: '理由', en: 'Reason' } }], 'every entry of dataFields needs a name'],
    [
      [{ name: 'usage', label: { zh: '场景', en: 'Use' }, values: { research: { zh: '科研' } } }],
      "dataFields 'usage' value 'research' needs a label with non-empty zh and en texts",
    ],
  ])(
    'refuses a malformed declaration at start, naming the plugin, kind and key (%#)',
    (fields, message) => {
      const registry = new KindRegistry().asPlugin('probe');
      expect(() => registry.declare(kind(fields))).toThrow(
        `plugin 'probe' declared review kind 'probe.application': ${message}`,
      );
    },
  );
});

describe('a kind’s reviewer fields', () => {
  const withFields = (fields: unknown) => ({
    ...kind(undefined),
    fields: fields as ReviewerField[],
  });

  it('are accepted with both languages', () => {
    const registry = new KindRegistry().asPlugin('probe');
    registry.declare(
      withFields([
        { name: 'validUntil', label: { zh: '有效期至', en: 'Valid until' }, type: 'date' },
      ]),
    );
    expect(registry.get('probe.application')?.fields?.[0]?.label.en).toBe('Valid until');
  });

  it.each([
    [
      [{ name: 'validUntil', label: { zh: '有效期至' }, type: 'date' }],
      "fields 'validUntil' needs a label with non-empty zh and en texts",
    ],
    [
      [
        { name: 'validUntil', label: { zh: '有效期至', en: 'Valid until' }, type: 'date' },
        { name: 'validUntil', label: { zh: '截止', en: 'Until' }, type: 'date' },
      ],
      "fields names 'validUntil' twice",
    ],
    [
      [{ name: 'validUntil', label: { zh: '有效期至', en: 'Valid until' }, type: 'datetime' }],
      "fields 'validUntil' has type 'datetime'",
    ],
  ])('refuses a malformed reviewer field at start (%#)', (fields, message) => {
    const registry = new KindRegistry().asPlugin('probe');
    expect(() => registry.declare(withFields(fields))).toThrow(
      `plugin 'probe' declared review kind 'probe.application': ${message}`,
    );
  });
});
