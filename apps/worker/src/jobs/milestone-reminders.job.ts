import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { MilestoneRemindersService } from '@fa/agreements';
import { JobQueue } from '@fa/notifications';
import { JobRunner } from './job-runner';

export const MILESTONE_REMINDERS_QUEUE = 'milestone-reminders';

/**
 * Every hour, mails the enterprises whose milestone report falls due soon or is overdue. The
 * notices are "once each" by the database, so a run that is repeated or overlaps sends nothing twice.
 */
@Injectable()
export class MilestoneRemindersJobHandler implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    private readonly reminders: MilestoneRemindersService,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    queue.define({ name: MILESTONE_REMINDERS_QUEUE, retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 15 * 60 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule(MILESTONE_REMINDERS_QUEUE, '7 * * * *', this.config.APP_TIME_ZONE);
    await this.queue.work<object>(MILESTONE_REMINDERS_QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 30 }, (job) => this.runner.run({ ...job, data: {} }, () => this.reminders.sendDue()));
  }
}
