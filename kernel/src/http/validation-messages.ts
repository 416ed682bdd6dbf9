import Accept from '@hapi/accept';
import type { ValidationError, ValidationErrorItem } from 'joi';

/**
 * A rejected request's message in the reader's language. Joi writes English; a portal whose
 * forms are Chinese shows the server's message next to the field, so a request that prefers
 * Chinese (`Accept-Language: zh-CN`, which browsers here send, or a page asking in its own
 * locale) gets the same facts in Chinese. Anything else, and every client that sends no
 * preference (scripts, other systems), keeps joi's English. Field names stay as the API
 * spells them: they are what the message points at.
 */
export function validationMessage(error: Error, acceptLanguage: string | undefined): string {
  if (!isValidationError(error) || !prefersChinese(acceptLanguage)) return error.message;
  return error.details.map(inChinese).join('；');
}

/** True when Chinese comes before English in the reader's list (`zh`, `zh-CN`, `zh-Hant`…). */
function prefersChinese(header: string | undefined): boolean {
  if (!header) return false;
  try {
    const first = Accept.languages(header).find((tag) => /^(zh|en)(-|$)/.test(tag));
    return first?.startsWith('zh') ?? false;
  } catch {
    return false; // a malformed header is no reason to fail the answer
  }
}

function isValidationError(error: Error): error is ValidationError {
  return Array.isArray((error as Partial<ValidationError>).details);
}

type Context = NonNullable<ValidationErrorItem['context']>;

/** Chinese for the joi error types our schemas produce; others fall back to joi's English. */
const TEMPLATES: Record<string, (name: string, c: Context) => string> = {
  'any.required': (n) => `${n}为必填项`,
  'any.unknown': (n) => `${n}不是可接受的参数`,
  'object.unknown': (n) => `${n}不是可接受的参数`,
  'any.only': (n, c) => `${n}必须是以下之一：${list(c.valids)}`,
  'any.invalid': (n) => `${n}的值不可用`,
  'string.base': (n) => `${n}必须是文本`,
  'string.empty': (n) => `${n}不能为空`,
  'string.min': (n, c) => `${n}至少 ${c.limit} 个字符`,
  'string.max': (n, c) => `${n}最多 ${c.limit} 个字符`,
  'string.length': (n, c) => `${n}必须是 ${c.limit} 个字符`,
  'string.pattern.base': (n) => `${n}的格式不正确`,
  'string.pattern.name': (n, c) => `${n}的格式不正确（应为 ${c.name}）`,
  'string.email': (n) => `${n}必须是有效的电子邮箱地址`,
  'string.uri': (n) => `${n}必须是有效的网址`,
  'string.uriCustomScheme': (n) => `${n}必须是有效的网址`,
  'string.guid': (n) => `${n}必须是有效的 UUID`,
  'string.isoDate': (n) => `${n}必须是 ISO 8601 格式的日期`,
  'number.base': (n) => `${n}必须是数字`,
  'number.integer': (n) => `${n}必须是整数`,
  'number.min': (n, c) => `${n}不能小于 ${c.limit}`,
  'number.max': (n, c) => `${n}不能大于 ${c.limit}`,
  'number.greater': (n, c) => `${n}必须大于 ${c.limit}`,
  'number.less': (n, c) => `${n}必须小于 ${c.limit}`,
  'number.positive': (n) => `${n}必须大于 0`,
  'number.port': (n) => `${n}必须是有效的端口号`,
  'boolean.base': (n) => `${n}必须是 true 或 false`,
  'date.base': (n) => `${n}必须是有效的日期`,
  'date.format': (n) => `${n}必须是 ISO 8601 格式的日期`,
  'array.base': (n) => `${n}必须是列表`,
  'array.min': (n, c) => `${n}至少需要 ${c.limit} 项`,
  'array.max': (n, c) => `${n}最多 ${c.limit} 项`,
  'array.unique': (n) => `${n}包含重复项`,
  'array.includes': (n) => `${n}包含不可接受的项`,
  'object.base': (n) => `${n}必须是对象`,
  'object.missing': (_n, c) => `${list(c.peers)}至少需要填写一项`,
};

function inChinese(item: ValidationErrorItem): string {
  const context = item.context ?? {};
  const name = `“${context.label ?? item.path.join('.')}”`;
  return TEMPLATES[item.type]?.(name, context) ?? item.message;
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join('、') : String(values ?? '');
}
