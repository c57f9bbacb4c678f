import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, toCents } from '@fa/shared';
import { ProgramOverviewDto, ProgramsService } from '@fa/programs';
import { quartersBetween } from './quarters';
import { ENVELOPE, FIGURES_BY_REGION, QUARTER_STARTS, REGIONAL_TARGETS, TIMELINE } from './rollout.sql';
import { EnvelopePosition, QuarterRollout, RegionRollout, RolloutDashboard, RolloutFigures, RolloutPeriod } from './rollout.types';

interface FiguresRow {
  region_code: string | null;
  total: boolean;
  received: number;
  eligible: number;
  smes_funded: number;
  approved_cents: string;
  awarded_cents: string;
  committed_cents: string;
  disbursed_cents: string;
  ai_jobs_planned: number;
  ai_jobs_reported: number;
}

/** How long the public page's figures are kept: a minute late at most, never more than one computation a minute. */
const PUBLIC_CACHE_MS = 60_000;

const NO_FIGURES: RolloutFigures = { received: 0, eligible: 0, smesFunded: 0, approvedCents: 0, awardedCents: 0, committedCents: 0, disbursedCents: 0, aiJobsPlanned: 0, aiJobsReported: 0 };

/**
 * The fund's rollout across its ten target regions (fund-rules.md §1–2), held against the
 * targets of the current period: what the staff dashboard, its CSV, the API and the public
 * page read. Every figure is read in one REPEATABLE READ snapshot, so they add up.
 */
@Injectable()
export class RolloutDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The public page's figures: the dashboard without its timeline (the pass over the whole
   * journal), kept a minute per program, so anonymous readers cannot keep the database busy.
   */
  publicDashboard(programCode: string): Promise<RolloutDashboard> {
    const cached = this.publicCache.get(programCode);
    if (cached && cached.until > Date.now()) return cached.dashboard;
    const dashboard = this.dashboard(programCode, { timeline: false });
    this.publicCache.set(programCode, { until: Date.now() + PUBLIC_CACHE_MS, dashboard });
    dashboard.catch(() => this.publicCache.delete(programCode));
    return dashboard;
  }

  private readonly publicCache = new Map<string, { until: number; dashboard: Promise<RolloutDashboard> }>();

  async dashboard(programCode: string, parts: { timeline: boolean } = { timeline: true }): Promise<RolloutDashboard> {
    const zone = this.config.APP_TIME_ZONE;
    const asOf = this.clock.today(zone);
    const overview = await this.programs.getOverview(programCode, asOf);
    const quarters = await this.quarterStarts(zone);
    const { figures, envelope, timeline, regionalTargets } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      figures: (await manager.query(FIGURES_BY_REGION, [programCode])) as FiguresRow[],
      envelope: ((await manager.query(ENVELOPE, [programCode])) as Record<string, string>[])[0],
      timeline: parts.timeline
        ? ((await manager.query(TIMELINE, [programCode, quarters.starts])) as (Record<string, string | number> & { bucket: number })[])
          .map((row) => ({ ...row, quarter: quarters.labels[row.bucket - 1] ?? (row.bucket < 1 ? 'before' : 'after') }))
        : [],
      regionalTargets: (await manager.query(REGIONAL_TARGETS, [programCode])) as { period_code: string; region_code: string; smes_funded: number | null; ai_jobs: number | null }[],
    }));
    const periods = overview.targets.map((target): RolloutPeriod => ({ ...target, target: { smesFunded: target.smesFunded, aiJobs: target.aiJobs } }));
    const period = periods.find((candidate) => candidate.periodCode === overview.currentPeriodCode) ?? null;
    const byRegion = new Map(figures.filter((row) => !row.total && row.region_code !== null).map((row) => [row.region_code!, figuresOf(row)]));
    const regions = this.regions(overview, byRegion, period, regionalTargets);
    const targetCodes = new Set(regions.map((region) => region.regionCode));
    const total = figuresOf(figures.find((row) => row.total));
    return {
      programCode,
      asOf,
      period,
      periods,
      regions,
      otherRegions: sumFigures([...byRegion].filter(([code]) => !targetCodes.has(code)).map(([, value]) => value).concat(figures.filter((row) => !row.total && row.region_code === null).map(figuresOf))),
      total,
      envelope: envelopePosition(overview, envelope, total, period),
      timeline: parts.timeline ? fillQuarters(overview.program.launchDate, asOf, timeline) : [],
    };
  }

  /** The quarters' starts in a time zone never change: read once per zone. */
  private readonly quarterCache = new Map<string, Promise<{ starts: Date[]; labels: string[] }>>();

  private quarterStarts(zone: string): Promise<{ starts: Date[]; labels: string[] }> {
    let cached = this.quarterCache.get(zone);
    if (!cached) {
      cached = (this.dataSource.query(QUARTER_STARTS, [zone]) as Promise<{ starts: Date[]; labels: string[] }[]>).then((rows) => rows[0]);
      cached.catch(() => this.quarterCache.delete(zone));
      this.quarterCache.set(zone, cached);
    }
    return cached;
  }

  private regions(overview: ProgramOverviewDto, byRegion: Map<string, RolloutFigures>, period: RolloutPeriod | null, targets: { period_code: string; region_code: string; smes_funded: number | null; ai_jobs: number | null }[]): RegionRollout[] {
    return overview.waves.flatMap((wave) =>
      wave.regions.map((region) => {
        const target = period ? targets.find((row) => row.period_code === period.periodCode && row.region_code === region.code) : undefined;
        return {
          regionCode: region.code, nameFr: region.nameFr, nameEn: region.nameEn, waveNumber: wave.waveNumber, open: wave.open,
          ...(byRegion.get(region.code) ?? NO_FIGURES),
          target: target ? { smesFunded: target.smes_funded, aiJobs: target.ai_jobs } : null,
        };
      }),
    );
  }
}

function figuresOf(row: FiguresRow | undefined): RolloutFigures {
  if (!row) return { ...NO_FIGURES };
  return {
    received: row.received, eligible: row.eligible, smesFunded: row.smes_funded, approvedCents: toCents(row.approved_cents), awardedCents: toCents(row.awarded_cents),
    committedCents: toCents(row.committed_cents), disbursedCents: toCents(row.disbursed_cents), aiJobsPlanned: row.ai_jobs_planned, aiJobsReported: row.ai_jobs_reported,
  };
}

function sumFigures(parts: RolloutFigures[]): RolloutFigures {
  return parts.reduce<RolloutFigures>(
    (sum, part) => Object.fromEntries(Object.keys(NO_FIGURES).map((key) => [key, sum[key as keyof RolloutFigures] + part[key as keyof RolloutFigures]])) as unknown as RolloutFigures,
    { ...NO_FIGURES },
  );
}

function envelopePosition(overview: ProgramOverviewDto, balances: Record<string, string>, total: RolloutFigures, period: RolloutPeriod | null): EnvelopePosition {
  const availableCents = toCents(balances.available);
  const averageGrantCents = total.smesFunded > 0 ? Math.round(total.approvedCents / total.smesFunded) : overview.program.grantCeilingCents;
  const smesToTarget = Math.max((period?.target.smesFunded ?? 0) - total.smesFunded, 0);
  return {
    envelopeCents: overview.program.envelopeCents,
    grantCeilingCents: overview.program.grantCeilingCents,
    availableCents,
    committedCents: toCents(balances.committed),
    disbursedCents: toCents(balances.disbursed),
    receivableCents: toCents(balances.receivable),
    averageGrantCents,
    moreSmesAtAverage: averageGrantCents > 0 ? Math.floor(availableCents / averageGrantCents) : 0,
    smesToTarget,
    averageGrantForTargetCents: smesToTarget > 0 ? Math.floor(availableCents / smesToTarget) : null,
  };
}

/** Every quarter from the launch's to today's, those without activity at zero. */
function fillQuarters(launchDate: string, asOf: string, rows: Record<string, string | number>[]): QuarterRollout[] {
  const found = new Map(rows.map((row) => [String(row.quarter), row]));
  const quarters = quartersBetween(launchDate, asOf);
  for (const quarter of found.keys()) if (!quarters.includes(quarter)) quarters.push(quarter);
  return quarters.sort().map((quarter) => {
    const row = found.get(quarter);
    return {
      quarter,
      received: Number(row?.received ?? 0),
      approved: Number(row?.approved ?? 0),
      committedCents: toCents(String(row?.committed_cents ?? '0')),
      disbursedCents: toCents(String(row?.disbursed_cents ?? '0')),
    };
  });
}
