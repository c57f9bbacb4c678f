import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, MessageCatalog, fromProjectRoot } from '@fa/shared';
import { JOB_QUEUE_OPTIONS, JobQueue, JobQueueOptions } from './job-queue';
import { MailDeliveryService } from './mail-delivery.service';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { OutboxEventEntity } from './outbox-event.entity';
import { Outbox } from './outbox';
import { OutboxQueries } from './outbox.queries';

/** Outbox events → e-mails. The server enqueues (`producer`); the worker delivers (`worker`). */
@Module({})
export class NotificationsModule {
  static forRoot(options: JobQueueOptions): DynamicModule {
    return {
      module: NotificationsModule,
      // Every context writes its mail through the one outbox of the app.
      global: true,
      imports: [TypeOrmModule.forFeature([OutboxEventEntity])],
      providers: [
        { provide: JOB_QUEUE_OPTIONS, useValue: options },
        {
          provide: MailRenderer,
          inject: [MessageCatalog, APP_CONFIG],
          useFactory: (catalog: MessageCatalog, config: AppConfig) =>
            new MailRenderer(fromProjectRoot('templates', 'emails'), catalog, config.APP_TIME_ZONE),
        },
        JobQueue,
        Outbox,
        OutboxQueries,
        MailTransport,
        MailDeliveryService,
      ],
      exports: [JobQueue, Outbox, OutboxQueries, MailDeliveryService, MailRenderer],
    };
  }
}
