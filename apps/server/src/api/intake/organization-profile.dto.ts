import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AI_ROLES, AiRole, OrganizationWithProfile } from '@fa/intake';
import { MAX_AMOUNT_CENTS } from './application-input.dto';
import { TextLength } from '../text-validators';

/** `h2x1y1`, `H2X 1Y1` → `H2X 1Y1`; anything else is left for the validator to refuse. */
const canadianPostalCode = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z][0-9][A-Z][0-9][A-Z][0-9]$/.test(compact) ? `${compact.slice(0, 3)} ${compact.slice(3)}` : value;
};

/** The enterprise profile; every field optional, null clears it. */
export class OrganizationProfileInputDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '2500, boulevard de l’Université' }) @IsOptional() @TextLength(0, 300) streetAddress?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Sherbrooke' }) @IsOptional() @TextLength(0, 120) city?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'J1K 2R1' })
  @IsOptional()
  @Transform(canadianPostalCode)
  @Matches(/^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$/, { message: 'postalCode must be a Canadian postal code such as J1K 2R1' })
  postalCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '05', description: 'Administrative region (01–17) of the establishment where the project is carried out' })
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-7])$/, { message: 'regionCode must be a Québec administrative region code, 01 to 17' })
  regionCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '332710', description: 'SCIAN/NAICS 2022 code, 2 to 6 digits' })
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/, { message: 'naicsCode must be a SCIAN/NAICS code of 2 to 6 digits' })
  naicsCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 42 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) employees?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 850_000_000, description: 'Cents' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) annualRevenueCents?: number | null;
  @ApiPropertyOptional({ nullable: true, enum: AI_ROLES, description: 'Adopts AI, or supplies it to an adopting client' }) @IsOptional() @IsIn(AI_ROLES) aiRole?: AiRole | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'For an AI supplier: the priority sector of the adopting client' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/)
  clientSectorCode?: string | null;
}

export class CreateOrganizationDto extends OrganizationProfileInputDto {
  @ApiProperty({ example: 'Robotique Estrie inc.' }) @TextLength(1, 300) legalName!: string;
  @ApiProperty({ example: '1171234567', description: 'Québec enterprise number (NEQ), 10 digits' })
  @Matches(/^[0-9]{10}$/, { message: 'neq must be the 10 digits of the Québec enterprise number' })
  neq!: string;
}

export class UpdateOrganizationDto extends OrganizationProfileInputDto {
  @ApiPropertyOptional({ example: 'Robotique Estrie inc.' }) @ValidateIf((_o: object, value: unknown) => value !== undefined) @TextLength(1, 300) legalName?: string;
}

export class OrganizationProfileDto {
  @ApiProperty({ nullable: true, type: String }) streetAddress!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) naicsCode!: string | null;
  @ApiProperty({ nullable: true, type: Number }) employees!: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualRevenueCents!: number | null;
  @ApiProperty({ nullable: true, enum: AI_ROLES }) aiRole!: AiRole | null;
  @ApiProperty({ nullable: true, type: String }) clientSectorCode!: string | null;
}

export class OrganizationWithProfileDto {
  @ApiProperty() id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() neq!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: OrganizationProfileDto }) profile!: OrganizationProfileDto;

  static from({ organization, profile }: OrganizationWithProfile): OrganizationWithProfileDto {
    return { id: organization.id, legalName: organization.legalName, neq: organization.neq, createdAt: organization.createdAt.toISOString(), profile };
  }
}
