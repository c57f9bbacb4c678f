import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, SharedModule, processLoggerParams } from '@fa/shared';
import { DatabaseModule } from '@fa/database';
import { NotificationsModule } from '@fa/notifications';
import { AgreementsModule } from '@fa/agreements';
import { LedgerModule } from '@fa/ledger';
import { JobRunner } from './jobs/job-runner';
import { MailDeliveryJobHandler } from './jobs/mail-delivery.job';
import { MilestoneRemindersJobHandler } from './jobs/milestone-reminders.job';
import { LedgerReconciliationJobHandler } from './jobs/ledger-reconciliation.job';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** Background jobs from the PostgreSQL queue. */
@Module({})
export class WorkerModule {
  static forRoot({ config, clock }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        SharedModule.forRoot({ config, clock }),
        LoggerModule.forRoot(processLoggerParams(config.LOG_LEVEL, 'fa-worker')),
        DatabaseModule.forRoot('fa-worker'),
        NotificationsModule.forRoot({ role: 'worker' }),
        AgreementsModule,
        LedgerModule,
      ],
      providers: [JobRunner, MailDeliveryJobHandler, MilestoneRemindersJobHandler, LedgerReconciliationJobHandler],
    };
  }
}
