import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { CO_INVESTMENT_SOURCE_TYPES, CoInvestmentSourceType } from '@fa/intake';
import { CalendarDate, TextLength } from '../text-validators';

/** Largest amount accepted in one field: 10 G$ in cents, far below what loses precision. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

/** A field that may be left out, but not sent as null (its column has a value at all times). */
const PresentNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

export class CoInvestmentSourceDto {
  @ApiProperty({ example: 'Banque Laurentienne — prêt à terme' }) @TextLength(1, 200) sourceName!: string;
  @ApiProperty({ enum: CO_INVESTMENT_SOURCE_TYPES }) @IsIn(CO_INVESTMENT_SOURCE_TYPES) sourceType!: CoInvestmentSourceType;
  @ApiProperty({ example: 25_000_000, description: 'Cents' }) @IsInt() @Min(1) @Max(MAX_AMOUNT_CENTS) amountCents!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Id of the attachment that proves the commitment' })
  @IsOptional()
  @IsUUID()
  evidenceAttachmentId!: string | null;
}

export class MilestoneDto {
  @ApiProperty({ example: 'Mise en production de l’inspection par vision' }) @TextLength(1, 200) title!: string;
  @ApiProperty({ example: '2027-06-30' }) @CalendarDate() dueOn!: string;
}

/** Fields of an application, every one optional: a draft is saved section by section. Amounts in cents. */
export class UpdateApplicationDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @TextLength(0, 200) title?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @TextLength(0, 10_000) description?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'MANUFACTURING_ROBOTICS' }) @IsOptional() @Matches(CODE) sectorCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'REALTIME_QUALITY_INSPECTION', description: 'A flagship use case of the sector, or OTHER' })
  @IsOptional()
  @Matches(CODE)
  useCaseCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @TextLength(0, 5000) aiApproach?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) @IsOptional() @IsBoolean() dataAvailable?: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @TextLength(0, 5000) dataDescription?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) @IsOptional() @IsBoolean() mlStaffInPlace?: boolean | null;
  @ApiPropertyOptional({ type: [String], example: ['Mila', 'CRIM'] })
  @PresentNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @TextLength(1, 200, { each: true })
  researchPartners?: string[];
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) totalProjectCostCents?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) amountRequestedCents?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) otherPublicFundingCents?: number | null;
  @ApiPropertyOptional({ type: [CoInvestmentSourceDto] })
  @PresentNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CoInvestmentSourceDto)
  coInvestments?: CoInvestmentSourceDto[];
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(100_000) aiJobsPlanned?: number | null;
  @ApiPropertyOptional({ type: [MilestoneDto] })
  @PresentNotNull()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];
  @ApiPropertyOptional() @PresentNotNull() @IsBoolean() declaresAccuracy?: boolean;
  @ApiPropertyOptional() @PresentNotNull() @IsBoolean() consentsToProcessing?: boolean;
  @ApiPropertyOptional({ description: 'The applicant acknowledges that an automated screening is used' }) @PresentNotNull() @IsBoolean() acknowledgesAutomatedScreening?: boolean;
}

export class CreateApplicationDto extends UpdateApplicationDto {
  @ApiProperty({ description: 'One of the caller’s organizations' }) @IsUUID() organizationId!: string;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @TextLength(0, 4000) reason?: string | null;
}

export class ReexaminationRequestDto {
  @ApiProperty({ description: 'What the applicant wants a person to look at again' }) @TextLength(1, 4000) reason!: string;
}
