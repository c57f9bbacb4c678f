import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEntity } from './accounts/account.entity';
import { AccountsService } from './accounts/accounts.service';
import { OrganizationEntity, OrganizationMemberEntity } from './accounts/organization.entity';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditTrail } from './audit/audit-trail';
import { Argon2idHasher } from './passwords/argon2id-hasher';
import { PasswordHasher } from './passwords/password-hasher';
import { SingleUseTokens } from './tokens/single-use-token';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { OrganizationsService } from './organizations/organizations.service';
import { PersonalDataService } from './accounts/personal-data.service';

/**
 * Accounts, roles, passwords and the audit trail (sessions, API tokens and authorization
 * follow). Needs the notifications module of the app for its mails.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity, AccountEntity, OrganizationEntity, OrganizationMemberEntity])],
  providers: [AuditTrail, AccountsService, AuthService, OrganizationsService, PersonalDataService, LoginThrottle, SingleUseTokens, { provide: PasswordHasher, useClass: Argon2idHasher }],
  exports: [AuditTrail, AccountsService, AuthService, OrganizationsService, PersonalDataService],
})
export class IdentityModule {}
