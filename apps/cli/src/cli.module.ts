import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, SharedModule, processLoggerParams } from '@fa/shared';
import { DatabaseModule } from '@fa/database';
import { ProgramsModule } from '@fa/programs';
import { NotificationsModule } from '@fa/notifications';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { LedgerModule } from '@fa/ledger';
import { ReviewModule } from '@fa/review';
import { AuditExportsModule } from '@fa/audit-exports';
import { AgreementsModule } from '@fa/agreements';
import { DemoDataService } from './demo/demo-data.service';

/** The services an operator command may call; no HTTP. */
@Module({})
export class CliModule {
  /** `clock`: the services' time (the demo generator travels it); the system clock otherwise. */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: CliModule,
      imports: [
        SharedModule.forRoot({ config, clock }),
        LoggerModule.forRoot(processLoggerParams(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'fa-cli')),
        DatabaseModule.forRoot('fa-cli'),
        ProgramsModule,
        NotificationsModule.forRoot({ role: 'producer' }),
        IdentityModule,
        IntakeModule,
        LedgerModule,
        ReviewModule,
        AuditExportsModule,
        AgreementsModule,
      ],
      providers: [DemoDataService],
    };
  }
}
