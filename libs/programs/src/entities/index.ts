import { ProgramEntity } from './program.entity';
import { RegionEntity } from './region.entity';
import { ProgramWaveEntity } from './program-wave.entity';
import { ProgramTargetRegionEntity } from './program-target-region.entity';
import { AiSupplierNaicsPrefixEntity, FlagshipUseCaseEntity, PrioritySectorEntity, SectorNaicsPrefixEntity } from './priority-sector.entity';
import { RoadmapTargetEntity } from './roadmap-target.entity';

export * from './program.entity';
export * from './region.entity';
export * from './program-wave.entity';
export * from './program-target-region.entity';
export * from './priority-sector.entity';
export * from './roadmap-target.entity';

/** Every entity of the programs context, registered with TypeORM by ProgramsModule. */
export const PROGRAM_ENTITIES = [
  ProgramEntity,
  RegionEntity,
  ProgramWaveEntity,
  ProgramTargetRegionEntity,
  PrioritySectorEntity,
  SectorNaicsPrefixEntity,
  FlagshipUseCaseEntity,
  AiSupplierNaicsPrefixEntity,
  RoadmapTargetEntity,
];
