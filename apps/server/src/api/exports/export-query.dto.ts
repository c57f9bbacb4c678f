import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { EXPORT_FORMATS, ExportFormat, MAX_PAGE_SIZE } from '@fa/audit-exports';
import { CalendarDate } from '../text-validators';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

const PERIOD_NOTE = 'Calendar day in the platform’s time zone (APP_TIME_ZONE, America/Toronto), included';

/** The period of an export or a page: two calendar days, both included. */
class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: `First day: ${PERIOD_NOTE}` }) @IsOptional() @CalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: `Last day: ${PERIOD_NOTE}` }) @IsOptional() @CalendarDate() to?: string;
}

export class LedgerFilterQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: '06', description: 'Region code of the project' }) @IsOptional() @Matches(/^\d{2}$/) region?: string;
  @ApiPropertyOptional({ example: 'HEALTH_AI' }) @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/) sector?: string;
  @ApiPropertyOptional({ description: 'Grant id (the approved application; its agreement keeps the id)' }) @IsOptional() @IsUUID() grant?: string;
  @ApiPropertyOptional({ description: 'Agreement id: the entries of the grant the agreement was made for' }) @IsOptional() @IsUUID() agreement?: string;
  @ApiPropertyOptional({ example: 'COMMITMENT', description: 'Entry type' }) @IsOptional() @Matches(/^[A-Z][A-Z_]{2,39}$/) type?: string;
}

export class LedgerEntriesQueryDto extends LedgerFilterQueryDto {
  @ApiPropertyOptional({ description: 'Continue after this position (the `nextAfter` of the previous page)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  after?: number;
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE_SIZE }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
}

export class LedgerExportQueryDto extends LedgerFilterQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' }) @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

export class AuditExportQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: 'ledger.', description: 'Start of the action' }) @IsOptional() @Matches(/^[a-z][a-z0-9_.-]{0,79}$/) action?: string;
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' }) @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}
