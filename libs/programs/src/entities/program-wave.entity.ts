import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'program_wave' })
export class ProgramWaveEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('smallint', { name: 'wave_number' }) waveNumber!: number;
  @Column('text', { name: 'name_fr' }) nameFr!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('date', { name: 'opens_on' }) opensOn!: string;
}
