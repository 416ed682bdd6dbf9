import { Boom, Joi } from '@kaifang/sdk';

export type OpenTypeName = 'unconditional' | 'conditional' | 'closed';

/** One grade (分级) of a deployment and the open types it allows (D2). */
export interface Level {
  grade: number;
  name: { zh: string; en: string };
  openTypes: OpenTypeName[];
}

/** One class (分类) a dataset may be in; a dataset may be in several. */
export interface DataClass {
  code: string;
  name: { zh: string; en: string };
}

/** The default: L1 may be opened unconditionally, L2 and L3 only on conditions, L4 never. */
export const DEFAULT_LEVELS: Level[] = [
  {
    grade: 1,
    name: { zh: '一级（可无条件开放）', en: 'L1 (open)' },
    openTypes: ['unconditional', 'conditional', 'closed'],
  },
  {
    grade: 2,
    name: { zh: '二级（有条件开放）', en: 'L2 (conditional)' },
    openTypes: ['conditional', 'closed'],
  },
  {
    grade: 3,
    name: { zh: '三级（有条件开放）', en: 'L3 (conditional)' },
    openTypes: ['conditional', 'closed'],
  },
  { grade: 4, name: { zh: '四级（不予开放）', en: 'L4 (not opened)' }, openTypes: ['closed'] },
];

const text = Joi.object({ zh: Joi.string().required(), en: Joi.string().required() });

export const levelsSchema = Joi.array()
  .items(
    Joi.object({
      grade: Joi.number().integer().min(1).max(4).required(),
      name: text.required(),
      openTypes: Joi.array()
        .items(Joi.string().valid('unconditional', 'conditional', 'closed'))
        .min(1)
        .unique()
        .required(),
    }),
  )
  .min(1)
  .unique('grade');

export const classesSchema = Joi.array()
  .items(Joi.object({ code: Joi.string().max(50).required(), name: text.required() }))
  .unique('code');

const OPEN_TYPE_WORDS: Record<OpenTypeName, string> = {
  unconditional: '无条件开放',
  conditional: '有条件开放',
  closed: '不予开放',
};

/**
 * Checks a dataset's open type against its grade and its classes against the deployment's
 * list: a Boom 400 naming the fields, or nothing.
 */
export function checkGrading(
  input: { openType: OpenTypeName; grade: number; classifications: readonly string[] },
  levels: readonly Level[],
  classes: readonly DataClass[],
): void {
  const level = levels.find((candidate) => candidate.grade === input.grade);
  if (!level) {
    throw Boom.badRequest(
      `"grade" ${input.grade} is not a level of this portal (levels: ${levels.map((l) => l.grade).join(', ')})`,
    );
  }
  if (!level.openTypes.includes(input.openType)) {
    throw Boom.badRequest(
      `"openType" '${input.openType}' (${OPEN_TYPE_WORDS[input.openType]}) does not fit "grade" ${input.grade} (${level.name.zh}): this grade allows ${level.openTypes.map((type) => `'${type}'`).join(', ')}`,
    );
  }
  if (classes.length > 0) {
    const unknown = input.classifications.filter((code) => !classes.some((c) => c.code === code));
    if (unknown.length > 0) {
      throw Boom.badRequest(
        `"classifications" holds unknown class(es) ${unknown.map((code) => `'${code}'`).join(', ')}; known: ${classes.map((c) => c.code).join(', ')}`,
      );
    }
  }
}
