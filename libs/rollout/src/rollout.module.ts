import { Module } from '@nestjs/common';
import { ProgramsModule } from '@fa/programs';
import { OpenDataService } from './open-data.service';
import { RolloutDashboardService } from './rollout-dashboard.service';

/** The fund's rollout across the regions (the staff dashboard, the public page) and its open data. */
@Module({
  imports: [ProgramsModule],
  providers: [RolloutDashboardService, OpenDataService],
  exports: [RolloutDashboardService, OpenDataService],
})
export class RolloutModule {}
