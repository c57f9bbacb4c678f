import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import type { JobWithMetadata, WorkOptions } from 'pg-boss';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { JOB_QUEUE_SCHEMA } from '@fa/migrations';

export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface JobQueueOptions {
  /** `producer` only enqueues (the server); `worker` also runs maintenance and handlers. */
  role: 'producer' | 'worker';
}

/** A queue and its retry policy. Every queue of the platform is declared once, here or beside its handler. */
export interface QueueDefinition {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
}

/**
 * The PostgreSQL job queue (pg-boss). Jobs are enqueued inside the caller's transaction, so
 * a job exists if and only if the change that asked for it committed.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, QueueDefinition>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(JOB_QUEUE_OPTIONS) options: JobQueueOptions,
  ) {
    if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
    const isWorker = options.role === 'worker';
    this.boss = new PgBoss({
      connectionString: config.DATABASE_URL,
      schema: JOB_QUEUE_SCHEMA,
      max: isWorker ? Math.max(2, config.WORKER_CONCURRENCY) : 2,
      application_name: `fa-${options.role}-queue`,
      supervise: isWorker,
      schedule: isWorker,
      migrate: isWorker,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Declares a queue; created (or updated) in the database when the queue starts. */
  define(definition: QueueDefinition): void {
    this.definitions.set(definition.name, definition);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const definition of this.definitions.values()) await this.ensureQueue(definition);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }

  /** Enqueues a job within the transaction of `manager`. */
  async sendInTransaction(manager: EntityManager, queue: string, data: object, options: { id?: string; singletonKey?: string } = {}): Promise<void> {
    const db = { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await manager.query(text, values)) as unknown[] }) };
    await this.boss.send(queue, data, { ...options, db });
  }

  /** Sends a job to `queue` on a cron schedule (the worker's scheduler runs it; one job per tick across workers). */
  async schedule(queue: string, cron: string, timeZone: string): Promise<void> {
    await this.boss.schedule(queue, cron, {}, { tz: timeZone });
  }

  /** Runs `handler` for each job of `queue`; a thrown error fails the attempt and pg-boss retries it. */
  async work<T extends object>(queue: string, options: Omit<WorkOptions, 'includeMetadata'>, handler: (job: JobWithMetadata<T>) => Promise<void>): Promise<void> {
    await this.boss.work<T>(queue, { ...options, includeMetadata: true, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job as JobWithMetadata<T>);
    });
  }

  /** Jobs of a queue in a given state, for operators' views. */
  async countJobs(queue: string): Promise<{ queued: number; active: number; total: number }> {
    const stats = await this.boss.getQueue(queue);
    return { queued: stats?.queuedCount ?? 0, active: stats?.activeCount ?? 0, total: stats?.totalCount ?? 0 };
  }

  private async ensureQueue(definition: QueueDefinition): Promise<void> {
    const policy = {
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: definition.retryBackoff,
      expireInSeconds: definition.expireInSeconds,
    };
    const existing = await this.boss.getQueue(definition.name);
    if (existing) await this.boss.updateQueue(definition.name, policy);
    else await this.boss.createQueue(definition.name, policy);
  }
}
