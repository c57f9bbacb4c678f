import { DynamicModule, Global, Module } from '@nestjs/common';
import { MessageCatalog } from '../i18n/message-catalog';
import { Clock, SystemClock } from '../time/clock';
import { AppConfig } from './environment-variables';
import { loadConfig } from './load-config';

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export interface SharedModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

/** Provides the configuration validated at boot, the clock and the message catalog to every module of an app. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(options: SharedModuleOptions = {}): DynamicModule {
    return {
      module: SharedModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config ?? loadConfig() },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: MessageCatalog, useFactory: () => MessageCatalog.load() },
      ],
      exports: [APP_CONFIG, Clock, MessageCatalog],
    };
  }
}
