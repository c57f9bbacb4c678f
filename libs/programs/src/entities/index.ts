import { ProgramEntity } from './program.entity';
import { RegionEntity } from './region.entity';
import { ProgramWaveEntity } from './program-wave.entity';
import { ProgramTargetRegionEntity } from './program-target-region.entity';
import { AiSupplierNaicsPrefixEntity, FlagshipUseCaseEntity, PrioritySectorEntity, SectorNaicsPrefixEntity } from './priority-sector.entity';
import { RoadmapTargetEntity } from './roadmap-target.entity';

export {
  ProgramEntity,
  RegionEntity,
  ProgramWaveEntity,
  ProgramTargetRegionEntity,
  PrioritySectorEntity,
  SectorNaicsPrefixEntity,
  FlagshipUseCaseEntity,
  AiSupplierNaicsPrefixEntity,
  RoadmapTargetEntity,
};

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
