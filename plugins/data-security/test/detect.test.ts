import { createHmac } from 'node:crypto';
import { idCheckCharacter } from '@kaifang/plugin-auth-sso';
import { describe, expect, it } from 'vitest';
import {
  detectColumn,
  hintOf,
  isAddress,
  isBankCard,
  isEmail,
  isIdCard15,
  isIdCard18,
  isLandline,
  isMobile,
  isPersonalName,
  isPlate,
  scrubStrays,
} from '../src/detect.ts';
import { checkGrading, DEFAULT_LEVELS } from '../src/grading.ts';
import { compileRule, DEFAULT_RULES, hmacSha256 } from '../src/mask.ts';

const today = new Date('2026-12-03T00:00:00Z');

/** A valid 18-character ID number for an area, a birth date and a sequence. */
export function idNumber(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

describe('ID-card numbers (GB 11643)', () => {
  it('accepts valid numbers, X check characters included', () => {
    expect(isIdCard18('11010519491231002X', today)).toBe(true);
    expect(isIdCard18('11010519491231002x', today)).toBe(true);
    expect(isIdCard18(idNumber('371402', '19850317', '123'), today)).toBe(true);
    expect(isIdCard18(idNumber('370102', '20000229', '001'), today)).toBe(true); // leap day
  });

  it('refuses a wrong check character', () => {
    const valid = idNumber('371402', '19850317', '123');
    const last = valid[17]!;
    const wrong = `${valid.slice(0, 17)}${last === '0' ? '1' : '0'}`;
    expect(isIdCard18(wrong, today)).toBe(false);
    expect(isIdCard18('110105194912310021', today)).toBe(false);
  });

  it('refuses a birth date that does not exist or lies in the future', () => {
    for (const birth of ['19850230', '19851301', '19850000', '18991231', '20991231', '20260229']) {
      const first17 = `371402${birth}123`;
      // A correct check character, so only the date can be at fault.
      expect(isIdCard18(`${first17}${idCheckCharacter(first17)}`, today), birth).toBe(false);
    }
  });

  it('refuses other shapes', () => {
    for (const value of [
      '',
      '37140219850317123',
      '3714021985031712345',
      '071402198503171234',
      '37140219850317A234',
    ]) {
      expect(isIdCard18(value, today), value).toBe(false);
    }
  });

  it('accepts the old 15-digit form with a real date', () => {
    expect(isIdCard15('371402850317123', today)).toBe(true);
    expect(isIdCard15('371402850230123', today)).toBe(false);
    expect(isIdCard15('371402851317123', today)).toBe(false);
    expect(isIdCard15('37140285031712', today)).toBe(false);
  });
});

describe('other detectors', () => {
  it('mobiles, landlines, e-mail, plates', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('+86 138-1234-5678')).toBe(true);
    expect(isMobile('12812345678')).toBe(false);
    expect(isMobile('1381234567')).toBe(false);
    expect(isLandline('0534-2345678')).toBe(true);
    expect(isLandline('(0534)2345678')).toBe(true);
    expect(isLandline('2345678')).toBe(false);
    expect(isLandline('2345678', true)).toBe(true);
    expect(isEmail('zhang.san@example.gov.cn')).toBe(true);
    expect(isEmail('zhang.san@')).toBe(false);
    expect(isPlate('鲁N12345')).toBe(true);
    expect(isPlate('鲁ND12345')).toBe(true);
    expect(isPlate('鲁NI2345')).toBe(false);
  });

  it('bank cards: Luhn, and UnionPay 62 numbers without it', () => {
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(isBankCard('4111111111111112')).toBe(false);
    expect(isBankCard('6222021234567890123')).toBe(true); // 62…, Luhn not required
    expect(isBankCard('6222 0212 3456 7890')).toBe(true);
    expect(isBankCard('411111111111')).toBe(false);
  });

  it('addresses to the house and personal names', () => {
    expect(isAddress('山东省德州市德城区新湖大街1288号3号楼2单元501室')).toBe(true);
    expect(isAddress('德城区天衢街道幸福小区3-2-501')).toBe(true);
    expect(isAddress('陵城区郑家寨镇王庄村56号')).toBe(true);
    // A street number alone is an organisation's (public) address.
    expect(isAddress('山东省德州市德城区新湖大街1288号')).toBe(false);
    expect(isAddress('德城区')).toBe(false);
    expect(isAddress('德州市人民医院')).toBe(false);
    expect(isPersonalName('张三')).toBe(true);
    expect(isPersonalName('欧阳明月')).toBe(true);
    expect(isPersonalName('德城区')).toBe(false);
    expect(isPersonalName('王庄村')).toBe(false);
  });

  it('column names hint at the type', () => {
    expect(hintOf('身份证号码')).toBe('id-card');
    expect(hintOf('联系电话')).toBe('landline');
    expect(hintOf('手机号')).toBe('mobile');
    expect(hintOf('家庭住址')).toBe('address');
    expect(hintOf('姓名')).toBe('name');
    expect(hintOf('地址')).toBeUndefined();
    expect(hintOf('区县')).toBeUndefined();
  });
});

describe('columns', () => {
  const ids = Array.from({ length: 40 }, (_, i) =>
    idNumber('371402', `19${60 + (i % 30)}0${1 + (i % 9)}1${i % 9}`, String(100 + i)),
  );

  it('flags a column of ID numbers by value, whatever its name, and reports the share', () => {
    const detection = detectColumn('字段A', [...ids, '', ''], { threshold: 0.5, today });
    expect(detection).toMatchObject({
      type: 'id-card',
      flagged: true,
      share: 1,
      samples: 40,
      byName: false,
    });
  });

  it('does not flag a mixed column with a few stray matches under the threshold', () => {
    const remarks = [
      ...Array.from({ length: 45 }, (_, i) => `第${i}次检查合格`),
      ids[0]!,
      ids[1]!,
      '13812345678',
    ];
    const detection = detectColumn('备注', remarks, { threshold: 0.5, today });
    expect(detection.flagged).toBe(false);
    expect(detection.type).toBeNull();
    expect(detection.matches).toEqual({ 'id-card': 2, mobile: 1 });
    expect(detection.share).toBeCloseTo(2 / 48, 2);
    // The same values at a lower threshold of the deployment's choosing would not change that.
    expect(detectColumn('备注', remarks, { threshold: 0.3, today }).flagged).toBe(false);
  });

  it('flags a column whose name says what it holds even when the values are odd', () => {
    const detection = detectColumn('身份证号', ['不详', '', '370102********1234'], {
      threshold: 0.5,
      today,
    });
    expect(detection).toMatchObject({ type: 'id-card', flagged: true, byName: true });
  });

  it('does not take a column of districts or organisations for names', () => {
    expect(
      detectColumn('区县', ['德城区', '陵城区', '禹城市', '乐陵市'], { threshold: 0.5, today })
        .flagged,
    ).toBe(false);
    expect(
      detectColumn('负责人', ['张三', '李四', '王五'], { threshold: 0.5, today }),
    ).toMatchObject({
      type: 'name',
      flagged: true,
    });
  });
});

describe('stray values in unflagged text', () => {
  it('masks valid ID numbers, mobiles and e-mails inside text and leaves the rest alone', () => {
    const scrub = scrubStrays(today);
    const id = idNumber('371402', '19850317', '123');
    expect(scrub(`患者${id}复诊，电话13812345678，邮箱a.b@example.cn`)).toBe(
      `患者${id.slice(0, 6)}********${id.slice(-4)}复诊，电话138****5678，邮箱***@example.cn`,
    );
    const badCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    for (const value of [
      badCheck,
      '37140000000000',
      '123456789012345678901',
      '第3次随访正常',
      '2024-03-15',
      '',
    ]) {
      expect(scrub(value), value).toBe(value);
    }
  });
});

describe('masking rules', () => {
  const salt = 'test-salt-0123456789';
  it('keeps first N and last M', () => {
    expect(compileRule(DEFAULT_RULES['id-card'], salt)('370102198503171234')).toBe(
      '370102********1234',
    );
    expect(compileRule(DEFAULT_RULES.mobile, salt)('13812345678')).toBe('138****5678');
    expect(compileRule(DEFAULT_RULES.name, salt)('欧阳明月')).toBe('欧***');
    expect(compileRule({ kind: 'keep', first: 3, last: 4 }, salt)('12')).toBe('**');
    expect(compileRule(DEFAULT_RULES.mobile, salt)('')).toBe('');
  });

  it('hashes to a stable pseudonym that depends on the salt', () => {
    const hash = compileRule({ kind: 'hash' }, salt);
    expect(hash('370102198503171234')).toBe(hash('370102198503171234'));
    expect(hash('370102198503171234')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash('370102198503171234')).not.toBe(hash('370102198503171235'));
    expect(compileRule({ kind: 'hash' }, 'another-salt-456789')('370102198503171234')).not.toBe(
      hash('370102198503171234'),
    );
  });

  it('computes the same HMAC-SHA256 as node:crypto, short and long keys alike', () => {
    for (const key of [salt, 'k'.repeat(100)]) {
      for (const value of ['370102198503171234', '张三', '']) {
        expect(hmacSha256(key)(value)).toBe(createHmac('sha256', key).update(value).digest('hex'));
      }
    }
  });

  it('generalises addresses to the district, dates to the month, e-mails to the domain', () => {
    const district = compileRule({ kind: 'generalise', to: 'district' }, salt);
    expect(district('山东省德州市德城区新湖大街1288号')).toBe('山东省德州市德城区');
    expect(district('德州市禹城市市中街道汉槐街99号')).toBe('德州市禹城市');
    expect(district('陵城区临齐街道东关村12号')).toBe('陵城区');
    const month = compileRule({ kind: 'generalise', to: 'month' }, salt);
    expect(month('2024-03-15')).toBe('2024-03');
    expect(month('2024/3/5')).toBe('2024-03');
    expect(month('2024年3月15日')).toBe('2024年03月');
    expect(compileRule(DEFAULT_RULES.email, salt)('zhang.san@example.gov.cn')).toBe(
      '***@example.gov.cn',
    );
  });

  it('replaces and drops', () => {
    expect(compileRule({ kind: 'replace', with: '已脱敏' }, salt)('张三')).toBe('已脱敏');
    expect(compileRule({ kind: 'drop' }, salt)('张三')).toBe('');
  });
});

describe('grading (D2)', () => {
  it('allows what the level allows and names the fields otherwise', () => {
    expect(() =>
      checkGrading(
        { openType: 'unconditional', grade: 1, classifications: [] },
        DEFAULT_LEVELS,
        [],
      ),
    ).not.toThrow();
    expect(() =>
      checkGrading({ openType: 'conditional', grade: 3, classifications: [] }, DEFAULT_LEVELS, []),
    ).not.toThrow();
    expect(() =>
      checkGrading(
        { openType: 'unconditional', grade: 2, classifications: [] },
        DEFAULT_LEVELS,
        [],
      ),
    ).toThrow(/"openType" 'unconditional'.*"grade" 2/);
    expect(() =>
      checkGrading({ openType: 'conditional', grade: 4, classifications: [] }, DEFAULT_LEVELS, []),
    ).toThrow(/"grade" 4/);
    const classes = [
      { code: 'population', name: { zh: '人口', en: 'Population' } },
      { code: 'health', name: { zh: '卫生', en: 'Health' } },
    ];
    expect(() =>
      checkGrading(
        { openType: 'closed', grade: 4, classifications: ['population', 'health'] },
        DEFAULT_LEVELS,
        classes,
      ),
    ).not.toThrow();
    expect(() =>
      checkGrading(
        { openType: 'closed', grade: 4, classifications: ['population', 'weather'] },
        DEFAULT_LEVELS,
        classes,
      ),
    ).toThrow(/"classifications".*'weather'/);
  });
});
