import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of Québec's 17 administrative regions, by its official code. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn('char', { length: 2 }) code!: string;
  @Column('text', { name: 'name_fr' }) nameFr!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
}
