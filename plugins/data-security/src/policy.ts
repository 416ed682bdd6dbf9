import type { SensitiveType } from './detect.ts';
import { DEFAULT_RULES, type MaskRule, ruleKey } from './mask.ts';
import type { ColumnState } from './store.ts';

type ColumnFacts = Pick<ColumnState, 'field' | 'rule' | 'flagged' | 'detectedType' | 'decision'>;

/** Which rule applies to a column, from the dataset's own rules and the deployment's defaults. */
export class MaskPolicy {
  constructor(
    /** Per detected type, replacing the built-in defaults. */
    private readonly typeRules: Partial<Record<SensitiveType, MaskRule>>,
    /** Per field name, in every dataset (e.g. `{ 身份证号: { kind: 'hash' } }`). */
    private readonly fieldRules: Readonly<Record<string, MaskRule>>,
  ) {}

  /** A rule someone chose for this column: the provider's, else the deployment's for the name. */
  chosen(column: Pick<ColumnFacts, 'field' | 'rule'>): MaskRule | null {
    return column.rule ?? this.fieldRules[column.field] ?? null;
  }

  /** What the next load applies: the chosen rule, else the default of a detected type. */
  effective(column: ColumnFacts): MaskRule | null {
    const chosen = this.chosen(column);
    if (chosen) return chosen;
    if (column.flagged && column.detectedType && column.decision !== 'not-sensitive')
      return this.typeRules[column.detectedType] ?? DEFAULT_RULES[column.detectedType];
    return null;
  }

  /** Why this column stops publication, or undefined. */
  blocker(column: ColumnFacts & Pick<ColumnState, 'appliedRule'>): string | undefined {
    if (column.flagged && !this.chosen(column) && column.decision !== 'not-sensitive') {
      return `'${column.field}' (${column.detectedType ?? 'personal data'}) has neither a masking rule nor a reviewer's "not sensitive" decision`;
    }
    const wanted = this.effective(column);
    // Data masked more strictly than now needed is harmless; anything else must be loaded again.
    if (wanted && column.appliedRule !== null && column.appliedRule !== ruleKey(wanted)) {
      return `'${column.field}' was loaded under another masking rule than the one now set; upload the file again to apply it`;
    }
    return undefined;
  }
}
