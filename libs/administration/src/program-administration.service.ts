import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, ValidationFailedError, runInTransaction } from '@fa/shared';
import { AuditCaller, AuditTrail } from '@fa/identity';
import { LedgerService } from '@fa/ledger';
import { ProgramsError } from '@fa/programs';
import { AdministrationError, AdministrationErrorCode } from './administration.error';
import { ProgramSettingsDocument, readSettingsDocument } from './program-settings-document';
import { settingsProblems } from './settings-validation';
import { writeSettingsDocument } from './settings-writer';

/** One version of a program's settings: the whole document, who set it, when and why. */
export interface SettingsVersion {
  programCode: string;
  version: number;
  settings: ProgramSettingsDocument;
  changedBy: string | null;
  changedAt: string;
  reason: string;
}

export interface SettingsChange {
  settings: ProgramSettingsDocument;
  reason: string;
  /** The version the change was made from: another change in between is refused, not overwritten. */
  expectedVersion: number;
}

/** The first version is the settings the migrations set: recorded as such when first needed. */
const INITIAL_REASON = 'Settings in force before the first change (set by the migrations)';

/**
 * Program administration (fund-rules.md §1–5): an administrator changes the envelope, the
 * ceiling, the co-investment ratio, the screening's limits and weights, the tranche schedule,
 * the intake dates, the waves and their target regions, and the targets per period. Each change
 * is a new version kept whole (who, when, why); the tables every context reads are updated in
 * the same transaction. Screenings and decisions keep the version they read, and their figures.
 */
@Injectable()
export class ProgramAdministrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The settings in force, as their latest version. */
  async current(programCode: string): Promise<SettingsVersion> {
    // A plain read: the version in force and its row (the first one recorded if it is not yet).
    const current = await readSettingsDocument(this.dataSource.manager, programCode);
    if (!current) throw ProgramsError.programNotFound(programCode);
    return (await this.versionRow(this.dataSource.manager, programCode, current.version)) ?? this.initialVersion(this.dataSource.manager, programCode, current.version, current.document);
  }

  /** Every version, newest first (the documents included). */
  async history(programCode: string): Promise<SettingsVersion[]> {
    await this.current(programCode);
    const rows = (await this.dataSource.query(`${SELECT_VERSIONS} WHERE v.program_code = $1 ORDER BY v.version DESC`, [programCode])) as VersionRow[];
    return rows.map(versionOf);
  }

  async version(programCode: string, version: number): Promise<SettingsVersion> {
    await this.current(programCode);
    const found = Number.isSafeInteger(version) && version >= 1 && version <= 2_147_483_647 ? await this.versionRow(this.dataSource.manager, programCode, version) : null;
    if (!found) throw new AdministrationError(AdministrationErrorCode.SETTINGS_VERSION_NOT_FOUND, 'This program has no such settings version.', { version });
    return found;
  }

  /** Applies a whole new settings document as the next version. */
  async change(caller: AuditCaller, programCode: string, change: SettingsChange): Promise<SettingsVersion> {
    const reason = typeof change.reason === 'string' ? change.reason.trim() : '';
    const problems = [...settingsProblems(change.settings), ...(reason.length < 1 || reason.length > 2000 ? [{ field: 'reason', problems: ['why the settings change, 1 to 2000 characters'] }] : [])];
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return runInTransaction(this.dataSource, async (manager) => {
      const current = await this.lockedCurrent(manager, programCode);
      if (change.expectedVersion !== current.version) {
        throw new AdministrationError(AdministrationErrorCode.SETTINGS_VERSION_CONFLICT, 'The settings changed since this version: read them again and redo the change.', { currentVersion: current.version, expectedVersion: change.expectedVersion });
      }
      if (!(await this.versionRow(manager, programCode, current.version))) await this.initialVersion(manager, programCode, current.version, current.document);
      // Compared as they would be stored: the normalized documents' JSON (a field left undefined is no field).
      if (JSON.stringify(normalized(current.document)) === JSON.stringify(normalized(change.settings))) {
        throw new AdministrationError(AdministrationErrorCode.SETTINGS_UNCHANGED, 'These are the settings in force: nothing to change.', { currentVersion: current.version });
      }
      const next = current.version + 1;
      const at = this.clock.now();
      const deltaCents = change.settings.envelopeCents - current.document.envelopeCents;
      if (deltaCents !== 0) {
        // The envelope is the ledger's: a change is an entry, never below what is committed or paid.
        const posting = await this.ledger.adjustEnvelope(manager, { idempotencyKey: `envelope-adjustment:${programCode}:${next}`, programCode, deltaCents, actor: caller.account.id, reason: `Settings version ${next}: ${reason}`.slice(0, 1000) });
        if (posting.outcome === 'REFUSED') {
          throw new AdministrationError(AdministrationErrorCode.ENVELOPE_BELOW_COMMITMENTS, 'The envelope cannot shrink below the money already committed or paid.', { ...posting.details });
        }
      }
      const settings = normalized(change.settings);
      await writeSettingsDocument(manager, programCode, next, settings, at);
      await manager.query(
        'INSERT INTO program_settings_version (program_code, version, settings, changed_by, changed_at, reason) VALUES ($1, $2, $3, $4, $5, $6)',
        [programCode, next, JSON.stringify(settings), caller.account.id, at, reason],
      );
      await this.audit.recordBy(manager, caller, 'program.settings_changed', { type: 'program', id: programCode }, { version: next, reason, envelopeDeltaCents: deltaCents });
      return { programCode, version: next, settings, changedBy: caller.account.id, changedAt: at.toISOString(), reason };
    });
  }

  private async lockedCurrent(manager: EntityManager, programCode: string) {
    // NO KEY UPDATE: serializes changes of the settings without blocking the foreign-key checks of
    // rows that refer to the program (a new grant's ledger account, an application) under way.
    const locked = (await manager.query('SELECT code FROM program WHERE code = $1 FOR NO KEY UPDATE', [programCode])) as unknown[];
    if (locked.length === 0) throw ProgramsError.programNotFound(programCode);
    return (await readSettingsDocument(manager, programCode))!;
  }

  private async versionRow(manager: EntityManager, programCode: string, version: number): Promise<SettingsVersion | null> {
    const rows = (await manager.query(`${SELECT_VERSIONS} WHERE v.program_code = $1 AND v.version = $2`, [programCode, version])) as VersionRow[];
    return rows[0] ? versionOf(rows[0]) : null;
  }

  private async initialVersion(manager: EntityManager, programCode: string, version: number, document: ProgramSettingsDocument): Promise<SettingsVersion> {
    const at = this.clock.now();
    await manager.query(
      'INSERT INTO program_settings_version (program_code, version, settings, changed_by, changed_at, reason) VALUES ($1, $2, $3, NULL, $4, $5) ON CONFLICT DO NOTHING',
      [programCode, version, JSON.stringify(document), at, INITIAL_REASON],
    );
    return (await this.versionRow(manager, programCode, version))!;
  }
}

interface VersionRow {
  program_code: string;
  version: number;
  settings: ProgramSettingsDocument;
  changed_by: string | null;
  changed_at: Date;
  reason: string;
}

const SELECT_VERSIONS = 'SELECT v.program_code, v.version, v.settings, v.changed_by, v.changed_at, v.reason FROM program_settings_version v';

function versionOf(row: VersionRow): SettingsVersion {
  return { programCode: row.program_code, version: row.version, settings: row.settings, changedBy: row.changed_by, changedAt: row.changed_at.toISOString(), reason: row.reason };
}

/**
 * The document rebuilt from its known fields only (nothing else is stored), in a canonical
 * order (regions and targets sorted), so that equal settings compare equal.
 */
function normalized(d: ProgramSettingsDocument): ProgramSettingsDocument {
  const s = d.screening;
  const w = s.weights;
  return {
    envelopeCents: d.envelopeCents, grantCeilingCents: d.grantCeilingCents, coInvestmentRatioBps: d.coInvestmentRatioBps, intakeOpensOn: d.intakeOpensOn, intakeClosesOn: d.intakeClosesOn,
    screening: {
      smeMinEmployees: s.smeMinEmployees, smeMaxEmployees: s.smeMaxEmployees, leverageCapBps: s.leverageCapBps, fullScoreJobsPer100kHundredths: s.fullScoreJobsPer100kHundredths,
      fullScoreDurationMonths: s.fullScoreDurationMonths, weights: { leverage: w.leverage, jobs: w.jobs, useCaseFit: w.useCaseFit, readiness: w.readiness, regionWave: w.regionWave, duration: w.duration },
      attachmentMaxBytes: s.attachmentMaxBytes, attachmentMaxCount: s.attachmentMaxCount,
    },
    review: { divergencePoints: d.review.divergencePoints, approvalThresholdPoints: d.review.approvalThresholdPoints },
    agreements: { trancheBps: [...d.agreements.trancheBps], reminderDaysBefore: d.agreements.reminderDaysBefore },
    waves: d.waves.map((wave) => ({ waveNumber: wave.waveNumber, nameFr: wave.nameFr.trim(), nameEn: wave.nameEn.trim(), opensOn: wave.opensOn, regionCodes: [...wave.regionCodes].sort() })),
    targets: [...d.targets].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.periodCode.localeCompare(b.periodCode)).map((target) => ({
      periodCode: target.periodCode, labelFr: target.labelFr.trim(), labelEn: target.labelEn.trim(), startsOn: target.startsOn, endsOn: target.endsOn, smesFunded: target.smesFunded, aiJobs: target.aiJobs,
      regions: [...target.regions].sort((a, b) => a.regionCode.localeCompare(b.regionCode)).map((regional) => ({ regionCode: regional.regionCode, smesFunded: regional.smesFunded, aiJobs: regional.aiJobs })),
    })),
  };
}
