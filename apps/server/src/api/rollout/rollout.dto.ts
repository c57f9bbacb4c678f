import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { EnvelopePosition, QuarterRollout, RegionRollout, RolloutDashboard, RolloutFigures, RolloutPeriod, TargetFigures } from '@fa/rollout';

export class RolloutQueryDto {
  @ApiPropertyOptional({ example: 'FA-2026', description: 'The program (default: the platform’s)' }) @IsOptional() @Matches(/^[A-Z0-9-]{3,20}$/) program?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class TargetFiguresDto implements TargetFigures {
  @ApiProperty({ nullable: true, type: Number, example: 100 }) smesFunded!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) aiJobs!: number | null;
}

export class RolloutFiguresDto implements RolloutFigures {
  @ApiProperty({ description: 'Files submitted at least once' }) received!: number;
  @ApiProperty({ description: 'Eligible: the person’s confirmation of the latest screening, else its automated outcome' }) eligible!: number;
  @ApiProperty({ description: 'Enterprises with an approved file' }) smesFunded!: number;
  @ApiProperty({ description: 'Approved, cents' }) approvedCents!: number;
  @ApiProperty({ description: 'Awarded now: agreements after reductions and terminations, else decisions; cents' }) awardedCents!: number;
  @ApiProperty({ description: 'Committed and not yet paid out (ledger), cents' }) committedCents!: number;
  @ApiProperty({ description: 'Paid out net of returns, receivables included (ledger), cents' }) disbursedCents!: number;
  @ApiProperty() aiJobsPlanned!: number;
  @ApiProperty({ description: 'From the latest accepted milestone report of each agreement' }) aiJobsReported!: number;
}

export class RegionRolloutDto extends RolloutFiguresDto implements RegionRollout {
  @ApiProperty({ example: '06' }) regionCode!: string;
  @ApiProperty({ example: 'Montréal' }) nameFr!: string;
  @ApiProperty({ example: 'Montréal' }) nameEn!: string;
  @ApiProperty({ example: 1 }) waveNumber!: number;
  @ApiProperty({ description: 'The wave takes applications on the dashboard’s date' }) open!: boolean;
  @ApiProperty({ type: TargetFiguresDto, nullable: true, description: 'This region’s targets for the current period, when set' }) target!: TargetFiguresDto | null;
}

export class RolloutPeriodDto implements RolloutPeriod {
  @ApiProperty({ example: 'T3' }) periodCode!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ example: '2026-10-14' }) startsOn!: string;
  @ApiProperty({ example: '2027-01-12' }) endsOn!: string;
  @ApiProperty({ type: TargetFiguresDto }) target!: TargetFiguresDto;
}

export class EnvelopePositionDto implements EnvelopePosition {
  @ApiProperty() envelopeCents!: number;
  @ApiProperty({ description: 'The most one SME may be granted' }) grantCeilingCents!: number;
  @ApiProperty() availableCents!: number;
  @ApiProperty() committedCents!: number;
  @ApiProperty() disbursedCents!: number;
  @ApiProperty() receivableCents!: number;
  @ApiProperty({ description: 'Approved per SME funded; the grant ceiling while none is' }) averageGrantCents!: number;
  @ApiProperty({ description: 'SMEs the available envelope still funds at that average' }) moreSmesAtAverage!: number;
  @ApiProperty({ description: 'SMEs the current period’s target still asks for' }) smesToTarget!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The average grant at which the available envelope funds them' }) averageGrantForTargetCents!: number | null;
}

export class QuarterRolloutDto implements QuarterRollout {
  @ApiProperty({ example: '2026-Q4' }) quarter!: string;
  @ApiProperty() received!: number;
  @ApiProperty() approved!: number;
  @ApiProperty({ description: 'Commitments net of releases in the quarter, cents' }) committedCents!: number;
  @ApiProperty({ description: 'Disbursements net of reversals in the quarter, cents' }) disbursedCents!: number;
}

export class RolloutDashboardDto implements RolloutDashboard {
  @ApiProperty({ example: 'FA-2026' }) programCode!: string;
  @ApiProperty({ example: '2026-11-23' }) asOf!: string;
  @ApiProperty({ type: RolloutPeriodDto, nullable: true }) period!: RolloutPeriodDto | null;
  @ApiProperty({ type: [RolloutPeriodDto] }) periods!: RolloutPeriodDto[];
  @ApiProperty({ type: [RegionRolloutDto] }) regions!: RegionRolloutDto[];
  @ApiProperty({ type: RolloutFiguresDto }) otherRegions!: RolloutFiguresDto;
  @ApiProperty({ type: RolloutFiguresDto }) total!: RolloutFiguresDto;
  @ApiProperty({ type: EnvelopePositionDto }) envelope!: EnvelopePositionDto;
  @ApiProperty({ type: [QuarterRolloutDto] }) timeline!: QuarterRolloutDto[];
}

export class RegionsRolloutDto {
  @ApiProperty({ example: '2026-11-23' }) asOf!: string;
  @ApiProperty({ type: RolloutPeriodDto, nullable: true }) period!: RolloutPeriodDto | null;
  @ApiProperty({ type: [RegionRolloutDto] }) regions!: RegionRolloutDto[];
}
