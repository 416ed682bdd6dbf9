import { Migration } from '@kaifang/sdk';

/**
 * What RP-initiated logout needs from a session started through single sign-on: the provider
 * it came from, and (OpenID Connect) the ID token the provider issued, sent back to it as
 * `id_token_hint` at logout. The token is a secret: it lives only here, server-side, and is
 * set to null when the session ends, whatever ends it.
 */
export class SessionSsoLogout extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table auth_sso_session add column sso_provider varchar(40)');
    this.addSql('alter table auth_sso_session add column sso_id_token text');
  }

  override async down(): Promise<void> {
    this.addSql('alter table auth_sso_session drop column sso_id_token');
    this.addSql('alter table auth_sso_session drop column sso_provider');
  }
}
