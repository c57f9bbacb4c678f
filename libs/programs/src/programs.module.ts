import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PROGRAM_ENTITIES } from './entities';
import { ProgramRepository } from './program.repository';
import { ProgramsService } from './programs.service';

@Module({
  imports: [TypeOrmModule.forFeature(PROGRAM_ENTITIES)],
  providers: [ProgramRepository, ProgramsService],
  exports: [ProgramsService],
})
export class ProgramsModule {}
