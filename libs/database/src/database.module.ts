import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { dataSourceOptions } from './data-source-options';

/** The application's connection pool; entities are registered by each context with forFeature. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            if (!config.DATABASE_URL) {
              throw new Error('DATABASE_URL is not set: run "npm start" for the embedded PostgreSQL, or set DATABASE_URL');
            }
            return {
              ...dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName }),
              autoLoadEntities: true,
            };
          },
        }),
      ],
    };
  }
}
