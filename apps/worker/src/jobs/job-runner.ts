import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { jobErrorBody } from './job-error.filter';

export interface RunnableJob {
  id: string;
  name: string;
  retryCount: number;
  retryLimit: number;
  data: { correlationId?: string | null };
}

export class JobFailedError extends Error {
  constructor(readonly body: ReturnType<typeof jobErrorBody>) {
    super(body.message);
    this.name = body.code;
  }
}

/**
 * Runs one job with its correlation id (the one of the request that caused it) bound to
 * every log line and to the outbox, and turns failures into the worker's error body.
 */
@Injectable()
export class JobRunner {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('JobRunner');
  }

  async run(job: RunnableJob, work: (lastAttempt: boolean) => Promise<unknown>): Promise<void> {
    const correlationId = job.data.correlationId ?? randomUUID();
    const bindings = { correlationId, jobId: job.id, queue: job.name, attempt: job.retryCount + 1 };
    await this.logger.runInContext(async () => {
      const lastAttempt = job.retryCount >= job.retryLimit;
      try {
        const outcome = await work(lastAttempt);
        this.logger.info({ outcome }, 'job done');
      } catch (error) {
        const body = jobErrorBody(error, correlationId);
        this.logger.warn({ error: body, lastAttempt }, lastAttempt ? 'job failed for good' : 'job failed; will retry');
        throw new JobFailedError(body);
      }
    }, { bindings });
  }
}
