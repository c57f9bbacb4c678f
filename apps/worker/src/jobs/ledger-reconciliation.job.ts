import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { LedgerService } from '@fa/ledger';
import { JobQueue } from '@fa/notifications';
import { JobRunner } from './job-runner';

export const LEDGER_RECONCILIATION_QUEUE = 'ledger-reconciliation';

/**
 * Every night, the ledger is verified as `ledger:verify` does it (reliability promise 4): debits
 * = credits, balances against the journal, the envelope fully accounted for, the hash chain. A
 * broken promise is logged as an error naming the first bad entry, for the operators' alerting.
 */
@Injectable()
export class LedgerReconciliationJobHandler implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    private readonly ledger: LedgerService,
    private readonly runner: JobRunner,
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    logger.setContext(LedgerReconciliationJobHandler.name);
    queue.define({ name: LEDGER_RECONCILIATION_QUEUE, retryLimit: 2, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 60 * 60 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule(LEDGER_RECONCILIATION_QUEUE, '15 2 * * *', this.config.APP_TIME_ZONE);
    await this.queue.work<object>(LEDGER_RECONCILIATION_QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 60 }, (job) => this.runner.run({ ...job, data: {} }, () => this.reconcile()));
  }

  async reconcile(): Promise<{ valid: boolean; entriesChecked: number }> {
    const result = await this.ledger.verify();
    if (!result.valid) this.logger.error({ problems: result.problems, firstBadEntry: result.firstBadEntry }, 'ledger verification failed');
    return { valid: result.valid, entriesChecked: result.entriesChecked };
  }
}
