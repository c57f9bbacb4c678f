import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, SharedModule, httpLoggerParams } from '@fa/shared';
import { DatabaseModule } from '@fa/database';
import { ProgramsModule } from '@fa/programs';
import { NotificationsModule } from '@fa/notifications';
import { IdentityModule } from '@fa/identity';
import { ProgramsApiController } from './api/programs-api.controller';
import { DevMailController } from './dev/dev-mail.controller';
import { HealthController } from './health/health.controller';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { HomeController } from './portal/home.controller';
import { LanguageController } from './portal/language.controller';

export interface ServerModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The HTTP entry: portal pages, REST API, OpenAPI, health. */
@Module({})
export class ServerModule {
  static forRoot({ config, clock }: ServerModuleOptions): DynamicModule {
    const development = config.NODE_ENV !== 'production';
    return {
      module: ServerModule,
      imports: [
        SharedModule.forRoot({ config, clock }),
        LoggerModule.forRoot(httpLoggerParams(config.LOG_LEVEL, 'fa-server')),
        DatabaseModule.forRoot('fa-server'),
        TerminusModule.forRoot({ logger: false }),
        ProgramsModule,
        NotificationsModule.forRoot({ role: 'producer' }),
        IdentityModule,
      ],
      controllers: [HealthController, HomeController, LanguageController, ProgramsApiController, ...(development ? [DevMailController] : [])],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
