import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { AuditExportsService } from './audit-exports.service';
import { ExportManifestRepository } from './export-manifest.repository';
import { ExportRunner } from './export-runner';
import { LedgerEntriesService } from './ledger-entries.service';

/** Auditors' read-only access to the ledger and the audit trail: browsing, and exports with manifests. */
@Module({
  imports: [IdentityModule],
  providers: [AuditExportsService, LedgerEntriesService, ExportRunner, ExportManifestRepository],
  exports: [AuditExportsService, LedgerEntriesService],
})
export class AuditExportsModule {}
