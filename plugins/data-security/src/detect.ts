/**
 * Detectors for personal data in a column, from its name and from sample values (D3, §6).
 * Every detector is a pure function of one trimmed value; `detectColumn` combines them.
 */
import { idNumberProblem } from '@kaifang/plugin-auth-sso';

export const SENSITIVE_TYPES = [
  'id-card',
  'mobile',
  'landline',
  'address',
  'name',
  'bank-card',
  'email',
  'plate',
] as const;
export type SensitiveType = (typeof SENSITIVE_TYPES)[number];

export const TYPE_LABELS: Record<SensitiveType, { zh: string; en: string }> = {
  'id-card': { zh: '身份证号码', en: 'ID-card number' },
  mobile: { zh: '手机号码', en: 'Mobile number' },
  landline: { zh: '固定电话', en: 'Landline number' },
  address: { zh: '住址', en: 'Home address' },
  name: { zh: '姓名', en: 'Personal name' },
  'bank-card': { zh: '银行卡号', en: 'Bank card number' },
  email: { zh: '电子邮箱', en: 'E-mail address' },
  plate: { zh: '车牌号码', en: 'Vehicle plate' },
};

// GB 11643-1999: 6-digit area, 8-digit birth date, 3-digit sequence, MOD 11-2 check character.
const ID18 = /^[1-9]\d{16}[\dXx]$/;
const ID15 = /^[1-9]\d{14}$/;

function realDate(year: number, month: number, day: number, today: Date): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    year >= 1900 &&
    date.getTime() <= today.getTime()
  );
}

/** An 18-character resident ID number with a real birth date and a correct check character. */
export function isIdCard18(value: string, today = new Date()): boolean {
  // The same GB 11643 rules auth-sso applies at registration.
  return ID18.test(value) && idNumberProblem(value.toUpperCase(), today) === undefined;
}

/** The first-generation 15-digit form (birth date YYMMDD of the 1900s, no check character). */
export function isIdCard15(value: string, today = new Date()): boolean {
  if (!ID15.test(value)) return false;
  const year = 1900 + Number(value.slice(6, 8));
  return realDate(year, Number(value.slice(8, 10)), Number(value.slice(10, 12)), today);
}

export function isIdCard(value: string, today = new Date()): boolean {
  return value.length === 18 ? isIdCard18(value, today) : isIdCard15(value, today);
}

const MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$/;
export function isMobile(value: string): boolean {
  return MOBILE.test(value);
}

const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$/;
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/;
/** With an area code; without one only when the column's name says it is a telephone. */
export function isLandline(value: string, named = false): boolean {
  return LANDLINE.test(value) || (named && LOCAL_NUMBER.test(value));
}

/** Luhn (ISO/IEC 7812) over a digit string. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

const CARD = /^\d{16,19}$/;
/** 16–19 digits passing Luhn; UnionPay numbers (62…) also without it. */
export function isBankCard(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (!CARD.test(digits)) return false;
  return digits.startsWith('62') || luhn(digits);
}

const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

const PLATE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;
export function isPlate(value: string): boolean {
  return PLATE.test(value.replace(/[\s·•-]/g, ''));
}

const PLACE = /(省|市|区|县|旗|镇|乡|街道|村)/;
// Down to the dwelling: building, unit, room (3号楼2单元501室, 3-2-501), or a village house.
const DWELLING =
  /[\d０-９一二三四五六七八九十]+\s*(栋|幢|单元|室|户|号楼)|\d+-\d+-\d+|村.{0,12}?\d+\s*号|\d+\s*组/;
/**
 * A home address: an administrative part and a dwelling (building, unit, room, or a house in a
 * village). A street number alone (`新湖大街1288号`) is taken for an organisation's address,
 * which is public; a column named 住址/家庭地址 is flagged by its name whatever its values.
 */
export function isAddress(value: string): boolean {
  return value.length >= 6 && value.length <= 120 && PLACE.test(value) && DWELLING.test(value);
}

// The most common Chinese surnames (single and compound); enough to tell names from words.
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'
  ).split(''),
);
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
];
const HAN_NAME = /^[\u4e00-\u9fa5]{2,4}$/;
const NOT_A_NAME =
  /(区|县|市|省|镇|乡|村|局|院|所|站|厂|司|店|类|中心|部|处|科|队|会|校|馆|园|场|路|街)$/;
/** Two to four Chinese characters starting with a common surname (a weak signal on its own). */
export function isPersonalName(value: string): boolean {
  if (!HAN_NAME.test(value) || NOT_A_NAME.test(value)) return false;
  return SURNAMES.has(value[0]!) || COMPOUND_SURNAMES.some((s) => value.startsWith(s));
}

/** Words in a column's name that say what it holds, most specific first. */
const NAME_HINTS: [RegExp, SensitiveType][] = [
  [/身份证|证件号|公民身份号码|id.?card|id.?number/i, 'id-card'],
  [/银行卡|银行账号|卡号|bank.?card|account.?no/i, 'bank-card'],
  [/手机|移动电话|mobile|cellphone/i, 'mobile'],
  [/电话|座机|固话|联系方式|telephone|phone|tel$/i, 'landline'],
  [/邮箱|电子邮件|e-?mail/i, 'email'],
  [/车牌|号牌|plate/i, 'plate'],
  [/住址|家庭地址|居住地|户籍地|现住|户籍所在|home.?address/i, 'address'],
  [/姓名|联系人|户主|申请人|法定代表人|负责人|患者|^name$|person.?name|full.?name/i, 'name'],
];

export function hintOf(fieldName: string): SensitiveType | undefined {
  return NAME_HINTS.find(([pattern]) => pattern.test(fieldName))?.[1];
}

/** Which type one value is, if any (the order settles overlaps: an ID number is no bank card). */
export function classify(
  value: string,
  hint: SensitiveType | undefined,
  today: Date,
): SensitiveType | undefined {
  if (isIdCard(value, today)) return 'id-card';
  if (isMobile(value)) return 'mobile';
  if (isBankCard(value)) return 'bank-card';
  if (isLandline(value, hint === 'landline')) return 'landline';
  if (isEmail(value)) return 'email';
  if (isPlate(value)) return 'plate';
  if (isAddress(value)) return 'address';
  if (isPersonalName(value)) return 'name';
  return undefined;
}

export interface DetectionOptions {
  /** Share of non-empty sample values that must match for a column to be flagged (0–1). */
  threshold: number;
  /** "Now", for birth dates in the future. */
  today?: Date;
}

export interface ColumnDetection {
  field: string;
  /** The detected type, or null when the column looks harmless. */
  type: SensitiveType | null;
  /** Share of non-empty sample values that match `type` (or the best type, when not flagged). */
  share: number;
  /** Matches per type among the samples. */
  matches: Partial<Record<SensitiveType, number>>;
  samples: number;
  /** The column's name says what it holds. */
  byName: boolean;
  flagged: boolean;
}

/**
 * A column is flagged when its name says it holds personal data, or when at least `threshold`
 * of its non-empty samples match one detector. A few stray matches (an ID number in a remarks
 * column) do not flag it. Personal names are flagged only with a name hint: two Chinese
 * characters starting with a surname are too common a shape on their own.
 */
export function detectColumn(
  field: string,
  samples: readonly string[],
  options: DetectionOptions,
): ColumnDetection {
  const today = options.today ?? new Date();
  const hint = hintOf(field);
  const values = samples.map((value) => value.trim()).filter((value) => value !== '');
  const matches: Partial<Record<SensitiveType, number>> = {};
  for (const value of values) {
    const type = classify(value, hint, today);
    if (type) matches[type] = (matches[type] ?? 0) + 1;
  }
  let best: SensitiveType | null = null;
  for (const type of SENSITIVE_TYPES) {
    if ((matches[type] ?? 0) > (best ? (matches[best] ?? 0) : 0)) best = type;
  }
  const shareOf = (type: SensitiveType | null) =>
    type && values.length > 0 ? (matches[type] ?? 0) / values.length : 0;
  const byValue =
    best !== null && shareOf(best) >= options.threshold && (best !== 'name' || hint === 'name');
  const type = byValue ? best : (hint ?? best);
  return {
    field,
    type: byValue || hint ? type : null,
    share: Math.round(shareOf(type) * 1000) / 1000,
    matches,
    samples: values.length,
    byName: hint !== undefined,
    flagged: byValue || hint !== undefined,
  };
}

// Candidates inside free text: 18-character ID numbers, mobiles and e-mail addresses, each not
// part of a longer run of digits.
const STRAY =
  /(?<![\dA-Za-z])(\d{17}[\dXx]|1[3-9]\d{9})(?![\dA-Za-z])|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MAYBE_STRAY = /\d{11}|@/;

/**
 * Masks personal values that stray into a column that is not flagged (an ID number in a remark):
 * ID numbers that pass the checksum and date tests, mobiles and e-mail addresses, each kept as
 * `370102********1234` / `138****5678` / `***@domain`. Other text is left alone.
 */
export function scrubStrays(today = new Date()): (value: string) => string {
  return (value) => {
    if (value.length < 6 || !MAYBE_STRAY.test(value)) return value;
    return value.replace(STRAY, (token) => {
      if (token.includes('@')) return `***${token.slice(token.lastIndexOf('@'))}`;
      if (token.length === 18) {
        return isIdCard18(token, today) ? `${token.slice(0, 6)}********${token.slice(14)}` : token;
      }
      return `${token.slice(0, 3)}****${token.slice(7)}`;
    });
  };
}
