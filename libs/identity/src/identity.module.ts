import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditTrail } from './audit/audit-trail';

/** Accounts, roles, sessions, tokens, authorization and the audit trail. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class IdentityModule {}
