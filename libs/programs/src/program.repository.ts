import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { moneyTransformer } from '@fa/shared';
import { ScreeningParametersDto } from './dto/screening-parameters.dto';
import {
  AiSupplierNaicsPrefixEntity,
  FlagshipUseCaseEntity,
  PrioritySectorEntity,
  ProgramEntity,
  ProgramTargetRegionEntity,
  ProgramWaveEntity,
  RegionEntity,
  RoadmapTargetEntity,
  SectorNaicsPrefixEntity,
} from './entities';

export interface ProgramReference {
  program: ProgramEntity;
  waves: ProgramWaveEntity[];
  targetRegions: ProgramTargetRegionEntity[];
  sectors: PrioritySectorEntity[];
  sectorPrefixes: SectorNaicsPrefixEntity[];
  useCases: FlagshipUseCaseEntity[];
  supplierPrefixes: AiSupplierNaicsPrefixEntity[];
  targets: RoadmapTargetEntity[];
}

const FIND_PROGRAM_SQL = `
  SELECT code, name_fr, name_en, short_name_fr, short_name_en, operator_name, currency, envelope_cents,
         grant_ceiling_cents, co_investment_ratio_bps, roadmap_start_date::text, launch_date::text,
         intake_opens_on::text, intake_closes_on::text, updated_at, settings_version
    FROM program WHERE code = $1`;

interface ProgramRow {
  code: string;
  name_fr: string;
  name_en: string;
  short_name_fr: string;
  short_name_en: string;
  operator_name: string;
  currency: string;
  envelope_cents: string;
  grant_ceiling_cents: string;
  co_investment_ratio_bps: number;
  roadmap_start_date: string;
  launch_date: string;
  intake_opens_on: string;
  intake_closes_on: string | null;
  updated_at: Date;
  settings_version: number;
}

function toProgramEntity(row: ProgramRow): ProgramEntity {
  return Object.assign(new ProgramEntity(), {
    code: row.code,
    nameFr: row.name_fr,
    nameEn: row.name_en,
    shortNameFr: row.short_name_fr,
    shortNameEn: row.short_name_en,
    operatorName: row.operator_name,
    currency: row.currency,
    envelopeCents: moneyTransformer.from(row.envelope_cents),
    grantCeilingCents: moneyTransformer.from(row.grant_ceiling_cents),
    coInvestmentRatioBps: row.co_investment_ratio_bps,
    roadmapStartDate: row.roadmap_start_date,
    launchDate: row.launch_date,
    intakeOpensOn: row.intake_opens_on,
    intakeClosesOn: row.intake_closes_on,
    updatedAt: row.updated_at,
    settingsVersion: row.settings_version,
  });
}

const FIND_SCREENING_PARAMETERS_SQL = `
  SELECT rule_set_version AS "ruleSetVersion", sme_min_employees AS "smeMinEmployees", sme_max_employees AS "smeMaxEmployees",
         leverage_cap_bps AS "leverageCapBps", full_score_jobs_per_100k_hundredths AS "fullScoreJobsPer100kHundredths",
         full_score_duration_months AS "fullScoreDurationMonths",
         json_build_object('leverage', weight_leverage, 'jobs', weight_jobs, 'useCaseFit', weight_use_case_fit,
           'readiness', weight_readiness, 'regionWave', weight_region_wave, 'duration', weight_duration) AS weights,
         attachment_max_bytes AS "attachmentMaxBytes", attachment_max_count AS "attachmentMaxCount"
    FROM screening_settings WHERE program_code = $1`;

/** Every query of the programs context. */
@Injectable()
export class ProgramRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One indexed read (primary key). Written as SQL rather than `findOne` because this read
   * serves every page and API call that needs the settings, and TypeORM rebuilds a query's
   * text on each call (measured: +20–30 % throughput, docs/benchmarks.md).
   */
  async findProgram(code: string): Promise<ProgramEntity | null> {
    const rows = (await this.dataSource.query(FIND_PROGRAM_SQL, [code])) as ProgramRow[];
    return rows.length === 0 ? null : toProgramEntity(rows[0]);
  }

  async findScreeningParameters(code: string): Promise<ScreeningParametersDto | null> {
    const rows = (await this.dataSource.query(FIND_SCREENING_PARAMETERS_SQL, [code])) as ScreeningParametersDto[];
    return rows[0] ?? null;
  }

  findRegions(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }

  /** The program and every reference row that hangs from it, read in one snapshot. */
  async findReference(code: string): Promise<ProgramReference | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const program = await manager.findOne(ProgramEntity, { where: { code } });
      if (!program) return null;
      const where = { programCode: code };
      // One connection runs one query at a time: reads in sequence, inside one snapshot.
      const waves = await manager.find(ProgramWaveEntity, { where, order: { waveNumber: 'ASC' } });
      const targetRegions = await manager.find(ProgramTargetRegionEntity, { where, order: { waveNumber: 'ASC', regionCode: 'ASC' } });
      const sectors = await manager.find(PrioritySectorEntity, { where, order: { displayOrder: 'ASC' } });
      const sectorPrefixes = await manager.find(SectorNaicsPrefixEntity, { where, order: { prefix: 'ASC' } });
      const useCases = await manager.find(FlagshipUseCaseEntity, { where, order: { displayOrder: 'ASC' } });
      const supplierPrefixes = await manager.find(AiSupplierNaicsPrefixEntity, { where, order: { prefix: 'ASC' } });
      const targets = await manager.find(RoadmapTargetEntity, { where, order: { startsOn: 'ASC' } });
      return { program, waves, targetRegions, sectors, sectorPrefixes, useCases, supplierPrefixes, targets };
    });
  }
}
