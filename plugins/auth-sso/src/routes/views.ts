import { maskIdNumber, maskMobile } from '../domain/masking.ts';
import type { User } from '../entities/user.ts';

/** The account as its owner sees it: everything, unmasked (U3: view one's own data). */
export function ownProfile(user: User) {
  return {
    id: user.id,
    loginName: user.loginName,
    realName: user.realName,
    idNumber: user.idNumber,
    gender: user.gender,
    mobile: user.mobile,
    email: user.email,
    industry: user.industry,
    occupation: user.occupation,
    roles: user.roles,
    organisationId: user.organisationId,
    verified: user.roles.includes('verified'),
    status: user.status,
    consent: {
      agreementVersion: user.agreementVersion,
      agreementAcceptedAt: user.agreementAcceptedAt,
      privacyNoticeVersion: user.privacyNoticeVersion,
      privacyConsentedAt: user.privacyConsentedAt,
    },
    processingStopped: user.processingStoppedAt !== null,
    processingStoppedAt: user.processingStoppedAt,
    deletionRequestedAt: user.deletionRequestedAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** The account as anyone else (admins included) sees it: ID number and mobile masked. */
export function maskedProfile(user: User) {
  return {
    ...ownProfile(user),
    idNumber: maskIdNumber(user.idNumber),
    mobile: maskMobile(user.mobile),
  };
}

export type OwnProfile = ReturnType<typeof ownProfile>;
export type MaskedProfile = ReturnType<typeof maskedProfile>;
