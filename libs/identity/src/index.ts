export * from './identity.module';
export * from './audit/audit-trail';
export * from './audit/audit-event.entity';
