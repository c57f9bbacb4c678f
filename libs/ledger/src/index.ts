export * from './ledger.module';
export * from './ledger.service';
export * from './ledger.error';
export * from './ledger.types';
