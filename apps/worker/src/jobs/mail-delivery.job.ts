import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { JobQueue, MAIL_DELIVERY_QUEUE, MailDeliveryJob, MailDeliveryService } from '@fa/notifications';
import { JobRunner } from './job-runner';

/** Delivers outbox events as e-mail, retried by the queue with back-off. */
@Injectable()
export class MailDeliveryJobHandler implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    private readonly delivery: MailDeliveryService,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<MailDeliveryJob>(
      MAIL_DELIVERY_QUEUE,
      { localConcurrency: this.config.WORKER_CONCURRENCY, pollingIntervalSeconds: this.config.NODE_ENV === 'test' ? 0.5 : 2 },
      (job) => this.runner.run(job, (lastAttempt) => this.delivery.deliver(job.data.eventId, lastAttempt)),
    );
  }
}
