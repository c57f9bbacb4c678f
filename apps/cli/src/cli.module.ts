import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, SharedModule, processLoggerParams } from '@fa/shared';
import { DatabaseModule } from '@fa/database';
import { ProgramsModule } from '@fa/programs';
import { NotificationsModule } from '@fa/notifications';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { LedgerModule } from '@fa/ledger';
import { ReviewModule } from '@fa/review';
import { AuditExportsModule } from '@fa/audit-exports';
import { DemoDataService } from './demo/demo-data.service';

/** The services an operator command may call; no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        SharedModule.forRoot({ config }),
        LoggerModule.forRoot(processLoggerParams(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'fa-cli')),
        DatabaseModule.forRoot('fa-cli'),
        ProgramsModule,
        NotificationsModule.forRoot({ role: 'producer' }),
        IdentityModule,
        IntakeModule,
        LedgerModule,
        ReviewModule,
        AuditExportsModule,
      ],
      providers: [DemoDataService],
    };
  }
}
