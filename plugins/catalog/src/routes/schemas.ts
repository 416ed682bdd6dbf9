import { Joi } from '@kaifang/sdk';
import {
  FIELD_TYPES,
  GRADES,
  OPEN_TYPES,
  SORTS,
  STATES,
  UPDATE_CYCLES,
  UPDATE_METHODS,
} from '../model.ts';
import { MAX_PAGE_SIZE, MAX_RESULT_WINDOW } from '../service.ts';

const code = Joi.string().pattern(/^[a-z][a-z0-9-]{0,63}$/, 'code');
/** `?domain=a&domain=b` arrives as an array, `?domain=a` as a string: accept both. */
const many = (item: Joi.Schema) => Joi.array().items(item).single().max(20);

export const listQuery = Joi.object({
  q: Joi.string().trim().max(100).allow(''),
  org: many(Joi.string().guid()),
  domain: many(code),
  format: many(Joi.string().trim().max(20)),
  openType: many(Joi.string().valid(...OPEN_TYPES)),
  scenario: many(code),
  grade: many(
    Joi.number()
      .integer()
      .valid(...GRADES),
  ),
  tag: many(Joi.string().trim().max(50)),
  state: Joi.string().valid(...STATES, 'any'),
  sort: Joi.string().valid(...SORTS),
  order: Joi.string().valid('asc', 'desc'),
  page: Joi.number().integer().min(1).default(1),
  pageSize: Joi.number().integer().min(1).max(MAX_PAGE_SIZE).default(20),
  facets: Joi.boolean().default(true),
  /** Only the datasets the caller may edit (provider and platform admins; 401/403 otherwise). */
  editable: Joi.boolean().default(false),
}).custom((value: { page: number; pageSize: number }, helpers) => {
  if (value.page * value.pageSize > MAX_RESULT_WINDOW) {
    return helpers.message({
      custom: `"page" goes past the first ${MAX_RESULT_WINDOW} results; narrow the query with filters or a keyword instead`,
    });
  }
  return value;
});

/**
 * A field's name: an identifier, or the header text of an uploaded file as the datastore
 * reports it (Chinese headers included). Never spliced into SQL by the catalog.
 */
const fieldName = Joi.string()
  .trim()
  .min(1)
  .max(100)
  .pattern(/^\P{Cc}+$/u, 'field name without control characters');

const field = Joi.object({
  name: fieldName.required(),
  label: Joi.string().trim().min(1).max(50).required(),
  type: Joi.string()
    .valid(...FIELD_TYPES)
    .required(),
  unit: Joi.string().max(20),
  description: Joi.string().max(500).allow(''),
  dictionary: Joi.array()
    .items(
      Joi.object({
        code: Joi.string().max(50).required(),
        label: Joi.string().max(100).required(),
      }),
    )
    .max(500),
});

const contact = Joi.object({
  name: Joi.string().max(50),
  phone: Joi.string().pattern(/^[0-9+\-() ]{5,30}$/, 'phone number'),
  email: Joi.string().email({ tlds: false }),
});

/** Every key of a dataset a client writes; POST requires the core, PATCH none of them. */
const datasetKeys = {
  identifier: Joi.string().max(64).allow(null),
  title: Joi.string().trim().min(2).max(200),
  description: Joi.string().trim().max(5000).allow(''),
  organizationId: Joi.string().guid(),
  domains: Joi.array().items(code).min(1).max(5).unique(),
  scenarios: Joi.array().items(code).max(11).unique(),
  tags: Joi.array().items(Joi.string().trim().min(1).max(20)).max(20).unique(),
  openType: Joi.string().valid(...OPEN_TYPES),
  grade: Joi.number()
    .integer()
    .valid(...GRADES),
  classifications: Joi.array().items(Joi.string().trim().max(50)).max(10).unique(),
  updateCycle: Joi.string().valid(...UPDATE_CYCLES),
  updateMethod: Joi.string().valid(...UPDATE_METHODS),
  licence: Joi.string().max(64),
  formats: Joi.array().items(Joi.string().trim().uppercase().max(20)).max(10).unique(),
  recordCount: Joi.number().integer().min(0),
  fields: Joi.array().items(field).max(500).unique('name'),
  /** D5: the fields a primary-key update matches on, in order; [] declares none. */
  primaryKey: Joi.array().items(fieldName).max(10).unique(),
  contact,
  state: Joi.string().valid(...STATES),
};

export const createPayload = Joi.object({
  ...datasetKeys,
  title: datasetKeys.title.required(),
  organizationId: datasetKeys.organizationId.required(),
  domains: datasetKeys.domains.required(),
  openType: datasetKeys.openType.required(),
  updateCycle: datasetKeys.updateCycle.required(),
  updateMethod: datasetKeys.updateMethod.required(),
});

export const patchPayload = Joi.object(datasetKeys).min(1);

export const organisationPayload = Joi.object({
  code: code.required(),
  name: Joi.string().trim().min(2).max(100).required(),
  shortName: Joi.string().trim().max(50).allow(null),
  description: Joi.string().max(2000).allow(''),
  contact,
  order: Joi.number().integer().min(0).max(100_000),
});

export const organisationListQuery = Joi.object({
  /** Only the organisations whose datasets the caller may edit (empty for guests and users). */
  editable: Joi.boolean().default(false),
});

export const idParams = Joi.object({ id: Joi.string().guid().required() });
