import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Cents, MoneyColumn } from '@fa/shared';

@Entity({ name: 'program' })
export class ProgramEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text', { name: 'name_fr' }) nameFr!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('text', { name: 'short_name_fr' }) shortNameFr!: string;
  @Column('text', { name: 'short_name_en' }) shortNameEn!: string;
  @Column('text', { name: 'operator_name' }) operatorName!: string;
  @Column('char', { length: 3 }) currency!: string;
  @MoneyColumn({ name: 'envelope_cents' }) envelopeCents!: Cents;
  @MoneyColumn({ name: 'grant_ceiling_cents' }) grantCeilingCents!: Cents;
  @Column('integer', { name: 'co_investment_ratio_bps' }) coInvestmentRatioBps!: number;
  @Column('date', { name: 'roadmap_start_date' }) roadmapStartDate!: string;
  @Column('date', { name: 'launch_date' }) launchDate!: string;
  @Column('date', { name: 'intake_opens_on' }) intakeOpensOn!: string;
  @Column('date', { name: 'intake_closes_on', nullable: true }) intakeClosesOn!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** The version of the program's settings in force (program_settings_version). */
  @Column('integer', { name: 'settings_version' }) settingsVersion!: number;
}
