import { EntitySchema } from '@kaifang/sdk';
import type { Role } from '../principal.ts';

export type UserStatus = 'active' | 'disabled' | 'deleted';
export type Gender = 'male' | 'female' | 'unspecified';

export interface User {
  id: string;
  loginName: string;
  passwordHash: string | null;
  realName: string | null;
  idNumber: string | null;
  gender: Gender | null;
  mobile: string | null;
  email: string | null;
  industry: string | null;
  occupation: string | null;
  roles: Role[];
  organisationId: string | null;
  status: UserStatus;
  agreementVersion: string | null;
  agreementAcceptedAt: Date | null;
  privacyNoticeVersion: string | null;
  privacyConsentedAt: Date | null;
  processingStoppedAt: Date | null;
  deletionRequestedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const nullable = { nullable: true } as const;

export const UserSchema = new EntitySchema<User>({
  name: 'AuthUser',
  tableName: 'auth_sso_user',
  properties: {
    id: { type: 'uuid', primary: true },
    loginName: { type: 'string', fieldName: 'login_name' },
    passwordHash: { type: 'text', fieldName: 'password_hash', ...nullable, lazy: true },
    realName: { type: 'string', fieldName: 'real_name', ...nullable },
    idNumber: { type: 'string', fieldName: 'id_number', ...nullable },
    gender: { type: 'string', ...nullable },
    mobile: { type: 'string', ...nullable },
    email: { type: 'string', ...nullable },
    industry: { type: 'string', ...nullable },
    occupation: { type: 'string', ...nullable },
    roles: { type: 'string[]' },
    organisationId: { type: 'string', fieldName: 'organisation_id', ...nullable },
    status: { type: 'string' },
    agreementVersion: { type: 'string', fieldName: 'agreement_version', ...nullable },
    agreementAcceptedAt: { type: 'Date', fieldName: 'agreement_accepted_at', ...nullable },
    privacyNoticeVersion: { type: 'string', fieldName: 'privacy_notice_version', ...nullable },
    privacyConsentedAt: { type: 'Date', fieldName: 'privacy_consented_at', ...nullable },
    processingStoppedAt: { type: 'Date', fieldName: 'processing_stopped_at', ...nullable },
    deletionRequestedAt: { type: 'Date', fieldName: 'deletion_requested_at', ...nullable },
    deletedAt: { type: 'Date', fieldName: 'deleted_at', ...nullable },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
