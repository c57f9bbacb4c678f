import { ApiProperty } from '@nestjs/swagger';
import { ProgramEntity } from '../entities';

/** The settings of a program, as the API and the portal read them. Amounts in integer cents. */
export class ProgramSettingsDto {
  @ApiProperty({ example: 'FA-2026' }) code!: string;
  @ApiProperty({ example: 'Fonds Accélération – Vallée du Saint-Laurent IA' }) nameFr!: string;
  @ApiProperty({ example: 'Acceleration Fund – St. Lawrence Valley AI' }) nameEn!: string;
  @ApiProperty() shortNameFr!: string;
  @ApiProperty() shortNameEn!: string;
  @ApiProperty({ example: 'Investissement Québec' }) operatorName!: string;
  @ApiProperty({ example: 'CAD' }) currency!: string;
  @ApiProperty({ example: 1_500_000_000, description: 'Hard ceiling on commitments, in cents' }) envelopeCents!: number;
  @ApiProperty({ example: 50_000_000, description: 'Maximum grant per SME, in cents' }) grantCeilingCents!: number;
  @ApiProperty({ example: 10_000, description: 'Private co-investment required per dollar requested, in basis points (10000 = 1:1)' })
  coInvestmentRatioBps!: number;
  @ApiProperty({ example: '2026-04-17', description: 'Day 0 of the roadmap' }) roadmapStartDate!: string;
  @ApiProperty({ example: '2026-07-01' }) launchDate!: string;
  @ApiProperty({ example: '2026-07-01' }) intakeOpensOn!: string;
  @ApiProperty({ example: '2027-04-17', nullable: true, type: String }) intakeClosesOn!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ example: 1, description: 'The version of the settings in force; each change is a new version' }) settingsVersion!: number;

  static from(program: ProgramEntity): ProgramSettingsDto {
    return Object.assign(new ProgramSettingsDto(), {
      code: program.code,
      nameFr: program.nameFr,
      nameEn: program.nameEn,
      shortNameFr: program.shortNameFr,
      shortNameEn: program.shortNameEn,
      operatorName: program.operatorName,
      currency: program.currency,
      envelopeCents: program.envelopeCents,
      grantCeilingCents: program.grantCeilingCents,
      coInvestmentRatioBps: program.coInvestmentRatioBps,
      roadmapStartDate: program.roadmapStartDate,
      launchDate: program.launchDate,
      intakeOpensOn: program.intakeOpensOn,
      intakeClosesOn: program.intakeClosesOn,
      updatedAt: program.updatedAt.toISOString(),
      settingsVersion: program.settingsVersion,
    });
  }
}
