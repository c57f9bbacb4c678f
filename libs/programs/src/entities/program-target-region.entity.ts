import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A target region of a program and the wave that opens it. */
@Entity({ name: 'program_target_region' })
export class ProgramTargetRegionEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('char', { name: 'region_code', length: 2 }) regionCode!: string;
  @Column('smallint', { name: 'wave_number' }) waveNumber!: number;
}
