import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AiSupplierNaicsPrefixEntity,
  FlagshipUseCaseEntity,
  PrioritySectorEntity,
  ProgramEntity,
  ProgramTargetRegionEntity,
  ProgramWaveEntity,
  RegionEntity,
  RoadmapTargetEntity,
  SectorNaicsPrefixEntity,
} from './entities';

export interface ProgramReference {
  program: ProgramEntity;
  waves: ProgramWaveEntity[];
  targetRegions: ProgramTargetRegionEntity[];
  sectors: PrioritySectorEntity[];
  sectorPrefixes: SectorNaicsPrefixEntity[];
  useCases: FlagshipUseCaseEntity[];
  supplierPrefixes: AiSupplierNaicsPrefixEntity[];
  targets: RoadmapTargetEntity[];
}

/** Every query of the programs context. */
@Injectable()
export class ProgramRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One indexed read (primary key). */
  findProgram(code: string): Promise<ProgramEntity | null> {
    return this.dataSource.getRepository(ProgramEntity).findOne({ where: { code } });
  }

  findRegions(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }

  /** The program and every reference row that hangs from it, read in one snapshot. */
  async findReference(code: string): Promise<ProgramReference | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const program = await manager.findOne(ProgramEntity, { where: { code } });
      if (!program) return null;
      const where = { programCode: code };
      // One connection runs one query at a time: reads in sequence, inside one snapshot.
      const waves = await manager.find(ProgramWaveEntity, { where, order: { waveNumber: 'ASC' } });
      const targetRegions = await manager.find(ProgramTargetRegionEntity, { where, order: { waveNumber: 'ASC', regionCode: 'ASC' } });
      const sectors = await manager.find(PrioritySectorEntity, { where, order: { displayOrder: 'ASC' } });
      const sectorPrefixes = await manager.find(SectorNaicsPrefixEntity, { where, order: { prefix: 'ASC' } });
      const useCases = await manager.find(FlagshipUseCaseEntity, { where, order: { displayOrder: 'ASC' } });
      const supplierPrefixes = await manager.find(AiSupplierNaicsPrefixEntity, { where, order: { prefix: 'ASC' } });
      const targets = await manager.find(RoadmapTargetEntity, { where, order: { startsOn: 'ASC' } });
      return { program, waves, targetRegions, sectors, sectorPrefixes, useCases, supplierPrefixes, targets };
    });
  }
}
