import { describe, expect, it } from 'vitest';
import { clientIp } from '../src/deps.ts';
import { idCheckCharacter, idGender, idNumberProblem } from '../src/domain/id-number.ts';
import { maskIdNumber, maskMobile } from '../src/domain/masking.ts';
import { passwordProblem } from '../src/domain/password.ts';
import { can, PermissionRegistry } from '../src/permissions.ts';
import type { Principal } from '../src/principal.ts';

const today = new Date('2026-06-01T00:00:00Z');

describe('ID-card numbers (GB 11643)', () => {
  it('accepts the standard example and computes the MOD 11-2 check character', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X', today)).toBeUndefined();
    expect(idGender('11010519491231002X')).toBe('female');
  });
  it('names the problem: shape, birth date (impossible or future), checksum', () => {
    expect(idNumberProblem('1101051949123100', today)).toBe('format');
    const feb30 = '37140219900230123';
    expect(idNumberProblem(`${feb30}${idCheckCharacter(feb30)}`, today)).toBe('birth-date');
    const future = '37140220300101123';
    expect(idNumberProblem(`${future}${idCheckCharacter(future)}`, today)).toBe('birth-date');
    expect(idNumberProblem('110105194912310021', today)).toBe('checksum');
  });
});

describe('masking', () => {
  it('shows the first six and last four ID digits and the first three and last four mobile digits', () => {
    expect(maskIdNumber('370102199001011234')).toBe('370102********1234');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskIdNumber(null)).toBeNull();
  });
});

describe('password rules', () => {
  it('explains what is missing', () => {
    expect(passwordProblem('Ab1!')).toContain('at least 8');
    expect(passwordProblem('alllowercase1')).toContain('three of');
    expect(passwordProblem('Zhang#2024x', 'zhang')).toContain('login name');
    expect(passwordProblem('Kaifang#2024', 'zhang')).toBeUndefined();
  });
});

describe('permission checks', () => {
  const registry = new PermissionRegistry();
  registry.declare({
    name: 'catalog.dataset.edit',
    description: { zh: '编辑数据集', en: 'Edit datasets' },
    roles: ['provider-admin', 'platform-admin'],
    organisationScoped: true,
  });
  registry.declare({
    name: 'applications.app.edit',
    description: { zh: '编辑应用', en: 'Edit an app' },
    roles: ['platform-admin'],
    owner: true,
  });
  const person = (roles: Principal['roles'], organisationId?: string): Principal => ({
    userId: 'u1',
    loginName: 'u1',
    realName: 'u1',
    roles,
    ...(organisationId ? { organisationId } : {}),
    scope: roles,
  });

  it('limits provider admins to their organisation and lets platform admins act everywhere', () => {
    const provider = person(['user', 'provider-admin'], 'org-a');
    expect(can(registry, provider, 'catalog.dataset.edit', { organisationId: 'org-a' })).toBe(true);
    expect(can(registry, provider, 'catalog.dataset.edit', { organisationId: 'org-b' })).toBe(
      false,
    );
    expect(can(registry, provider, 'catalog.dataset.edit')).toBe(false);
    const admin = person(['user', 'platform-admin']);
    expect(can(registry, admin, 'catalog.dataset.edit', { organisationId: 'org-b' })).toBe(true);
  });
  it('grants owner permissions to the owner only', () => {
    const user = person(['user']);
    expect(can(registry, user, 'applications.app.edit', { ownerId: 'u1' })).toBe(true);
    expect(can(registry, user, 'applications.app.edit', { ownerId: 'u2' })).toBe(false);
  });
  it('refuses malformed and duplicate declarations', () => {
    expect(() =>
      registry.declare({ name: 'Bad Name', description: { zh: '', en: '' }, roles: ['user'] }),
    ).toThrow(/<plugin>\.<object>\.<action>/);
    expect(() =>
      registry.declare({
        name: 'catalog.dataset.edit',
        description: { zh: '', en: '' },
        roles: ['user'],
      }),
    ).toThrow(/twice/);
  });
});

describe('client address behind a load balancer', () => {
  const request = (remoteAddress: string, forwarded?: string) =>
    ({
      info: { remoteAddress },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    }) as unknown as Parameters<typeof clientIp>[0];

  it('believes X-Forwarded-For only from a trusted proxy', () => {
    expect(clientIp(request('10.0.0.5', '203.0.113.9'), ['10.0.0.5'])).toBe('203.0.113.9');
    expect(clientIp(request('198.51.100.7', '203.0.113.9'), ['10.0.0.5'])).toBe('198.51.100.7');
    // A client-forged entry before the real one is ignored: the nearest untrusted hop counts.
    expect(clientIp(request('10.0.0.5', '1.2.3.4, 203.0.113.9'), ['10.0.0.5'])).toBe('203.0.113.9');
  });
});
