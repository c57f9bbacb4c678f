import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class ProgramCodeParamDto {
  @ApiProperty({ example: 'FA-2026' })
  @Matches(/^[A-Z0-9-]{3,20}$/, { message: 'code must be 3 to 20 capital letters, digits or dashes' })
  code!: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-11-22' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}
