export * from './identity.module';
export * from './identity.error';
export * from './audit/audit-trail';
export * from './audit/audit-event.entity';
export * from './accounts/accounts.service';
export * from './accounts/account.entity';
export * from './accounts/role';
export * from './passwords/password-policy';
