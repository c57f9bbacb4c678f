import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { TextLength } from './text-validators';
import { AuditEventView, AuditTrail, ChainVerification } from '@fa/identity';
import { Roles } from '../auth/access.decorators';
import { API_V1 } from './api-path';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'auth.', description: 'Prefix of the action' }) @IsOptional() @Matches(/^[a-z][a-z0-9_.-]{0,79}$/) action?: string;
  @ApiPropertyOptional({ example: 'marie@example.org' }) @IsOptional() @TextLength(0, 320) actor?: string;
  @ApiPropertyOptional({ example: 'account' }) @IsOptional() @Matches(/^[a-z][a-z0-9_-]{1,59}$/) objectType?: string;
  @ApiPropertyOptional() @IsOptional() @TextLength(0, 200) objectId?: string;
  @ApiPropertyOptional({ enum: ['SUCCESS', 'FAILURE', 'DENIED'] }) @IsOptional() @IsIn(['SUCCESS', 'FAILURE', 'DENIED']) outcome?: 'SUCCESS' | 'FAILURE' | 'DENIED';
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: 'Continue below this chain position (the last one of the previous page)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  before?: number;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500) limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller(`${API_V1}/audit-events`)
export class AuditApiController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Audit trail entries, newest first, filtered and paged by chain position' })
  search(@Query() query: AuditQueryDto): Promise<AuditEventView[]> {
    return this.audit.search(query);
  }

  @Get('verify')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first row that breaks it' })
  verify(): Promise<ChainVerification> {
    return this.audit.verifyChain();
  }
}
