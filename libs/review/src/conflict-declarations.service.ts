import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { AuditTrail, OrganizationsService } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { ReviewError, ReviewErrorCode } from './review.error';

export type DeclarationKind = 'NO_CONFLICT' | 'RECUSED';

export interface Declaration {
  kind: DeclarationKind;
  statement: string | null;
  declaredAt: Date;
}

/** Roles that decide on files, and so declare their conflicts of interest before opening one. */
const DECIDING_ROLES = ['REVIEWER', 'APPROVER'];

/**
 * Conflicts of interest (fund-rules.md §6): a reviewer or approver declares none, or recuses,
 * before a file's details open to them; each declaration is kept and audited, the latest counts.
 */
@Injectable()
export class ConflictDeclarationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async declare(caller: IntakeCaller, applicationId: string, kind: DeclarationKind, statement: string | null): Promise<Declaration> {
    const application = await this.applications.summary(caller, applicationId);
    // A recusal is final: the person stays out of the file whatever they declare later.
    if (await this.everRecused(caller.account.id, application.id)) throw recused(application.id);
    const declaredAt = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.query(
        'INSERT INTO review_declaration (application_id, account_id, kind, statement, declared_at) VALUES ($1, $2, $3, $4, $5)',
        [application.id, caller.account.id, kind, statement, declaredAt],
      ).catch((error: unknown) => {
        // The database refuses a declaration that raced a recusal (the check above saw neither).
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23514') throw recused(application.id);
        throw error;
      });
      await this.audit.recordBy(manager, caller, kind === 'NO_CONFLICT' ? 'review.no_conflict_declared' : 'review.recused', { type: 'application', id: application.id });
    });
    return { kind, statement, declaredAt };
  }

  /** The caller's latest declaration on each of these files. */
  async latestFor(accountId: string, applicationIds: string[]): Promise<Map<string, Declaration>> {
    if (applicationIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (application_id) application_id AS "applicationId", kind, statement, declared_at AS "declaredAt"
         FROM review_declaration WHERE account_id = $1 AND application_id = ANY($2) ORDER BY application_id, id DESC`,
      [accountId, applicationIds],
    )) as (Declaration & { applicationId: string })[];
    return new Map(rows.map(({ applicationId, ...declaration }) => [applicationId, declaration]));
  }

  /** Whether the account ever recused itself from the file (a recusal is final). */
  async everRecused(accountId: string, applicationId: string): Promise<boolean> {
    const rows = (await this.dataSource.query("SELECT 1 FROM review_declaration WHERE account_id = $1 AND application_id = $2 AND kind = 'RECUSED' LIMIT 1", [accountId, applicationId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Throws unless the caller may open the file's details: a deciding role must have declared no
   * conflict, and nobody acts on their own organization's file (fund-rules.md §6).
   */
  async assertMayOpen(caller: IntakeCaller, applicationId: string): Promise<void> {
    if (!DECIDING_ROLES.includes(caller.account.role)) return;
    const application = await this.applications.summary(caller, applicationId);
    if (await this.organizations.isMember(caller.account.id, application.organizationId)) {
      throw new ReviewError(ReviewErrorCode.OWN_ORGANIZATION_FILE, 'You are a member of the organization that filed this application: you cannot act on it.', { applicationId: application.id });
    }
    const declaration = (await this.latestFor(caller.account.id, [application.id])).get(application.id);
    if (!declaration) {
      throw new ReviewError(ReviewErrorCode.CONFLICT_DECLARATION_REQUIRED, 'Declare that you have no conflict of interest with this file (or recuse yourself) before opening it.', { applicationId: application.id });
    }
    if (declaration.kind === 'RECUSED' || (await this.everRecused(caller.account.id, application.id))) throw recused(application.id);
  }
}

function recused(applicationId: string): ReviewError {
  return new ReviewError(ReviewErrorCode.RECUSED_FROM_FILE, 'You recused yourself from this file; a recusal is final.', { applicationId });
}
