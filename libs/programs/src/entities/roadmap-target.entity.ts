import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cumulative target of the roadmap for a period (SMEs funded, AI jobs created). */
@Entity({ name: 'roadmap_target' })
export class RoadmapTargetEntity {
  @PrimaryColumn('text', { name: 'program_code' }) programCode!: string;
  @PrimaryColumn('text', { name: 'period_code' }) periodCode!: string;
  @Column('text', { name: 'label_fr' }) labelFr!: string;
  @Column('text', { name: 'label_en' }) labelEn!: string;
  @Column('date', { name: 'starts_on' }) startsOn!: string;
  @Column('date', { name: 'ends_on' }) endsOn!: string;
  @Column('integer', { name: 'smes_funded', nullable: true }) smesFunded!: number | null;
  @Column('integer', { name: 'ai_jobs', nullable: true }) aiJobs!: number | null;
}
