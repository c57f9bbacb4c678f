import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'priority_sector' })
export class PrioritySectorEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('text') code!: string;
  @Column('text', { name: 'label_fr' }) labelFr!: string;
  @Column('text', { name: 'label_en' }) labelEn!: string;
  @Column('smallint', { name: 'display_order' }) displayOrder!: number;
}

/** SCIAN/NAICS 2022 prefix of the industries that belong to a priority sector. */
@Entity({ name: 'priority_sector_naics_prefix' })
export class SectorNaicsPrefixEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('text', { name: 'sector_code' }) sectorCode!: string;
  @PrimaryColumn('text') prefix!: string;
}

@Entity({ name: 'flagship_use_case' })
export class FlagshipUseCaseEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('text') code!: string;
  @Column('text', { name: 'sector_code' }) sectorCode!: string;
  @Column('text', { name: 'label_fr' }) labelFr!: string;
  @Column('text', { name: 'label_en' }) labelEn!: string;
  @Column('smallint', { name: 'display_order' }) displayOrder!: number;
}

/** SCIAN/NAICS prefix of AI suppliers, who qualify through their adopting client's sector. */
@Entity({ name: 'ai_supplier_naics_prefix' })
export class AiSupplierNaicsPrefixEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('text') prefix!: string;
}
