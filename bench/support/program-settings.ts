import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ScreeningSettings } from '@fa/eligibility';
import { DatabaseModule } from '@fa/database';
import { screeningSettings } from '@fa/intake';
import { ProgramsModule, ProgramsService } from '@fa/programs';
import { SharedModule } from '@fa/shared';
import { benchServerConfig } from '../servers/bench-config';

export interface ProgramScreening {
  settings: ScreeningSettings;
  /** The rule set the program's settings name. */
  ruleSetVersion: string;
}

/**
 * The screening settings and rule set of a program as the platform screens with them: read
 * from the migrated database by ProgramsService and mapped by `screeningSettings`, exactly as
 * SubmissionService does before it calls `screen()`. A small Nest context, closed at once.
 */
export async function loadProgramScreening(databaseUrl: string, programCode = 'FA-2026'): Promise<ProgramScreening> {
  const config = benchServerConfig(databaseUrl, 'silent');

  @Module({ imports: [SharedModule.forRoot({ config }), DatabaseModule.forRoot('fa-bench-settings'), ProgramsModule] })
  class SettingsModule {}

  const context = await NestFactory.createApplicationContext(SettingsModule, { logger: false });
  try {
    const programs = context.get(ProgramsService);
    const [overview, parameters] = await Promise.all([programs.getOverview(programCode), programs.getScreeningParameters(programCode)]);
    return { settings: screeningSettings(overview, parameters), ruleSetVersion: parameters.ruleSetVersion };
  } finally {
    await context.close();
  }
}
