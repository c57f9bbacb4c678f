import { ApiProperty } from '@nestjs/swagger';
import { ProgramSettingsDto } from './program-settings.dto';

export class RegionDto {
  @ApiProperty({ example: '06' }) code!: string;
  @ApiProperty({ example: 'Montréal' }) nameFr!: string;
  @ApiProperty({ example: 'Montréal' }) nameEn!: string;
}

export class WaveDto {
  @ApiProperty({ example: 1 }) waveNumber!: number;
  @ApiProperty() nameFr!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: '2026-07-01' }) opensOn!: string;
  @ApiProperty({ description: 'Whether the wave takes applications on the reference date' }) open!: boolean;
  @ApiProperty({ type: [RegionDto] }) regions!: RegionDto[];
}

export class UseCaseDto {
  @ApiProperty({ example: 'REALTIME_QUALITY_INSPECTION' }) code!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
}

export class SectorDto {
  @ApiProperty({ example: 'MANUFACTURING_ROBOTICS' }) code!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ type: [String], example: ['31', '32', '33'], description: 'SCIAN/NAICS 2022 prefixes of applicant industries' })
  naicsPrefixes!: string[];
  @ApiProperty({ type: [UseCaseDto] }) useCases!: UseCaseDto[];
}

export class TargetDto {
  @ApiProperty({ example: 'T2' }) periodCode!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ example: '2026-07-16' }) startsOn!: string;
  @ApiProperty({ example: '2026-10-14' }) endsOn!: string;
  @ApiProperty({ nullable: true, type: Number, example: 30 }) smesFunded!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 80 }) aiJobs!: number | null;
}

/** A program with its waves, target regions, sectors and targets, as of a reference date. */
export class ProgramOverviewDto {
  @ApiProperty({ example: '2026-11-22', description: 'Reference date (today in the platform time zone)' }) asOf!: string;
  @ApiProperty({ type: ProgramSettingsDto }) program!: ProgramSettingsDto;
  @ApiProperty() intakeOpen!: boolean;
  @ApiProperty({ type: [WaveDto] }) waves!: WaveDto[];
  @ApiProperty({ type: [SectorDto] }) sectors!: SectorDto[];
  @ApiProperty({ type: [String], example: ['5415', '5417'], description: 'SCIAN/NAICS prefixes of AI suppliers' })
  aiSupplierNaicsPrefixes!: string[];
  @ApiProperty({ type: [TargetDto] }) targets!: TargetDto[];
  @ApiProperty({ nullable: true, type: String, example: 'T3' }) currentPeriodCode!: string | null;
}
