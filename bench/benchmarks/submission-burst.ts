import { Applicant, CLIENT_TIMEOUT_MS, TimedResponse, describe, inBatches, prepareApplicants, timedRequest } from '../support/applicants';
import { queryOne } from '../support/bench-database';
import { Benchmark, BenchmarkContext, BenchmarkReport } from '../support/benchmark';
import { SERVER_CLOCK_START, withPlatformServer } from '../support/child-server';
import { MeasuredPhase, measurePhase, oneAtATime, phaseStats, sessionLines } from '../support/phases';
import { SAMPLE_EVERY_MS } from '../support/db-sessions';
import { serverErrors } from '../support/server-log';
import { formatNumber, markdownTable } from '../support/report';
import { POOL_SIZE } from '../servers/bench-config';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? '500');
const WARM_UP = 50;
const WARM_UP_CONCURRENCY = 5;
/** The informative middle phase: fewer submissions in flight than the server has pooled connections. */
const BOUNDED_CONCURRENCY = 8;
/** The burst must not be slower than one submission at a time. */
const TARGET_RATIO = 1;

const title = `A burst of ${formatNumber(SUBMISSIONS)} concurrent submissions (POST /api/v1/applications/:id/submit)`;
const description =
  `The real server app in its own process (NestJS + Fastify + TypeORM, production configuration, pool of ${POOL_SIZE}, logs at ` +
  `\`error\`, captured for this report; clock started at ${SERVER_CLOCK_START}). **Preparation** (not measured): ` +
  `${formatNumber(3 * SUBMISSIONS + WARM_UP)} applicants, each with an active account, its own organization (distinct NEQ, ` +
  'a Montréal manufacturer, region 06, wave 1) and a complete draft created through the API; the accounts are copies of ' +
  'one registered through the API (one argon2id hash) and the bearer tokens are signed with the server’s secret and ' +
  `claims, as the token endpoint signs them (bench/support/applicants.ts). Then ${WARM_UP} submissions are discarded as ` +
  `warm-up (${WARM_UP_CONCURRENCY} in flight). **Baseline**: ${formatNumber(SUBMISSIONS)} drafts submitted one at a time. ` +
  `**Bounded** (informative, not judged): ${formatNumber(SUBMISSIONS)} other drafts with at most ${BOUNDED_CONCURRENCY} in ` +
  `flight, fewer than the pool's ${POOL_SIZE} connections. **Burst**: ${formatNumber(SUBMISSIONS)} other drafts submitted at ` +
  'once (`Promise.all` over `fetch`, one connection and one bearer token each). Each submission checks the draft, takes ' +
  'a tracking number, freezes the content, screens it (E1–E8 and score), stores the screening and queues two mails, in ' +
  `one transaction. Latency is measured in the harness, from sending to the whole answer; a client gives up after ` +
  `${CLIENT_TIMEOUT_MS / 1000} s ("no answer"). During each phase the server's database sessions are sampled ` +
  `from \`pg_stat_activity\` every ${SAMPLE_EVERY_MS} ms (the busiest and the last sample are shown). Afterwards the database is ` +
  'checked: every file SCREENED, one ' +
  `screening each, distinct tracking numbers. **Target**: all ${formatNumber(SUBMISSIONS)} submissions of the burst ` +
  `answered 2xx and persisted, no 5xx, and burst throughput ≥ ${TARGET_RATIO} × sequential throughput (concurrency must ` +
  'not make intake slower than a queue of one).';

interface Phase extends MeasuredPhase {
  check: DatabaseCheck;
}

interface DatabaseCheck {
  screened: number;
  screenings: number;
  trackingNumbers: number;
}

export const submissionBurst: Benchmark = {
  name: 'submissions',
  title,
  description,
  async run({ databaseUrl }: BenchmarkContext): Promise<BenchmarkReport> {
    return withPlatformServer(databaseUrl, async (server, config) => {
      const preparationStarted = performance.now();
      const applicants = await prepareApplicants(server.url, databaseUrl, config, 3 * SUBMISSIONS + WARM_UP);
      const preparationSeconds = (performance.now() - preparationStarted) / 1000;
      const warmUp = applicants.slice(0, WARM_UP);
      const [sequentialSet, boundedSet, burstSet] = [0, 1, 2].map((part) => applicants.slice(WARM_UP + part * SUBMISSIONS, WARM_UP + (part + 1) * SUBMISSIONS));
      const submit = (applicant: Applicant): Promise<TimedResponse> =>
        timedRequest(server.url, 'POST', `/api/v1/applications/${applicant.applicationId}/submit`, applicant.token, {});

      const warmedUp = await inBatches(warmUp, WARM_UP_CONCURRENCY, submit);
      const warmUpFailures = warmedUp.filter((response) => response.status !== 200);
      if (warmUpFailures.length > 0) throw new Error(`${warmUpFailures.length} warm-up submissions failed, e.g. ${describe(warmUpFailures[0] as TimedResponse)}`);

      const phases: Phase[] = [];
      const measure = async (name: string, set: Applicant[], run: () => Promise<TimedResponse[]>): Promise<void> => {
        const phase = await measurePhase(databaseUrl, name, run);
        phases.push({ ...phase, check: await checkDatabase(databaseUrl, set) });
      };
      await measure('sequential (baseline)', sequentialSet, () => oneAtATime(sequentialSet, submit));
      await measure(`bounded (${BOUNDED_CONCURRENCY} in flight)`, boundedSet, () => inBatches(boundedSet, BOUNDED_CONCURRENCY, submit));
      await measure('burst', burstSet, () => Promise.all(burstSet.map(submit)));
      return report(phases, preparationSeconds, server.output());
    });
  },
};

/** What the database holds for these drafts after their submission. */
function checkDatabase(databaseUrl: string, applicants: Applicant[]): Promise<DatabaseCheck> {
  return queryOne<DatabaseCheck>(
    databaseUrl,
    `SELECT (count(*) FILTER (WHERE a.status = 'SCREENED'))::int AS screened,
            (SELECT count(*) FROM screening s WHERE s.application_id = ANY($1::uuid[]))::int AS screenings,
            count(DISTINCT a.tracking_number)::int AS "trackingNumbers"
       FROM application a WHERE a.id = ANY($1::uuid[])`,
    [applicants.map((applicant) => applicant.applicationId)],
  );
}

function report(phases: Phase[], preparationSeconds: number, serverOutput: string[]): BenchmarkReport {
  const stats = phases.map((phase) => ({ phase, ...phaseStats(phase.responses, phase.wallMs) }));
  const table = markdownTable(
    ['Phase', '2xx', '4xx', '5xx', 'no answer', 'p50 / p99 / max ms', 'wall s', '2xx/s', 'DB: SCREENED / screenings / tracking nos.'],
    stats.map((row) => [
      row.phase.name,
      String(row.ok),
      String(row.clientErrors),
      String(row.serverErrors),
      String(row.noAnswer),
      `${formatNumber(row.p50)} / ${formatNumber(row.p99)} / ${formatNumber(row.max)}`,
      formatNumber(row.phase.wallMs / 1000, 2),
      formatNumber(row.perSecond, 1),
      `${row.phase.check.screened} / ${row.phase.check.screenings} / ${row.phase.check.trackingNumbers}`,
    ]),
  );
  const sequential = stats[0] as (typeof stats)[number];
  const burst = stats[stats.length - 1] as (typeof stats)[number];
  const ratio = burst.perSecond / sequential.perSecond;
  const check = burst.phase.check;
  const persisted = burst.ok === SUBMISSIONS && check.screened === SUBMISSIONS && check.screenings === SUBMISSIONS && check.trackingNumbers === SUBMISSIONS;
  const sequentialSound = sequential.ok === SUBMISSIONS && sequential.phase.check.screened === SUBMISSIONS;
  const passed = persisted && burst.serverErrors === 0 && sequentialSound && ratio >= TARGET_RATIO;
  const failures = stats.flatMap((row) => row.phase.responses.filter((response) => response.status < 200 || response.status >= 300).map((response) => `${row.phase.name}: ${describe(response)}`));
  const lines = [
    `Preparation: ${formatNumber(preparationSeconds, 1)} s for ${formatNumber(3 * SUBMISSIONS + WARM_UP)} applicants (not measured).`,
    table,
    `**Server database sessions** (\`pg_stat_activity\`, pool of ${POOL_SIZE}), busiest sample of each phase and its last one:\n\n${sessionLines(phases)}`,
    `**Integrity** of the burst: ${burst.ok} of ${SUBMISSIONS} answered 2xx, ${burst.serverErrors} 5xx, ${burst.noAnswer} no answer; ` +
      `in the database ${check.screened} SCREENED, ${check.screenings} screenings, ${check.trackingNumbers} distinct tracking numbers: ` +
      `**${persisted && burst.serverErrors === 0 ? 'PASS' : 'FAIL'}**`,
    `**Ratio** burst ÷ sequential throughput (2xx/s): **${formatNumber(ratio, 2)}** (target ≥ ${TARGET_RATIO}): **${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}**`,
  ];
  if (failures.length > 0) {
    lines.push(`**Failed submissions** (first 5 of ${failures.length}):\n\n${failures.slice(0, 5).map((line) => `- ${line}`).join('\n')}`);
  }
  const starved = stats.find((row) => row.ok < row.phase.responses.length && (row.phase.sessions?.busiest.idleInTransaction ?? 0) >= POOL_SIZE);
  if (starved) lines.push(starvationNote(starved.phase));
  const errors = serverErrors(serverOutput);
  if (errors.length > 0) lines.push(`**Server log**, errors by cause (the first of each, top frames):\n\n${errors.join('\n\n')}`);
  lines.push(HISTORY);
  return { title, description, markdown: lines.join('\n\n'), passed };
}

const HISTORY = [
  '**What moved it** (2026-11-23, this machine):',
  '- First run: 0 of 500 burst submissions answered (493 clients gave up after 180 s, 7 got a 5xx): pool starvation, diagnosed below ' +
    'when it recurs. Access checks and program reads now happen before a use case opens its transaction, never inside it ' +
    '(libs/intake `ApplicationAccess`), and an e2e test submits 12 files at once against a pool of 5. Then: 500 of 500, ratio 1.39.',
  '- What still limits concurrency: every audit record takes the audit chain’s head row lock until commit (the hash chain follows ' +
    'commit order), visible above as sessions waiting in `INSERT INTO audit_event`. Submission records its state changes last to ' +
    'hold that lock briefly.',
].join('\n');

/** Shown only when the sessions show the signature it explains. */
function starvationNote(phase: Phase): string {
  const failures = phase.responses.filter((response) => response.status >= 500).map((response) => response.ms);
  const outcome =
    failures.length > 0
      ? ` Here the first 5xx came after ${formatNumber(Math.min(...failures) / 1000)} s.`
      : ` Here no submission of the phase was answered before the clients gave up (${CLIENT_TIMEOUT_MS / 1000} s).`;
  return (
    `**Diagnosis** (${phase.name}): every one of the pool's ${POOL_SIZE} connections sat *idle in transaction* (PostgreSQL waiting ` +
    'for the server’s next statement) while submissions failed to complete: the server held its transactions open and waited ' +
    'on something inside itself, not on a lock in PostgreSQL. That is pool starvation. Found when this benchmark was written ' +
    '(2026-11-23): inside the transaction of `SubmissionService.submit`, `OrganizationsService.findVisible` (membership check ' +
    'and organization read) queries through `this.dataSource`, i.e. on a second pooled connection; once as many submissions ' +
    'are in flight as the pool has connections, each waits for a connection only another waiting one could free. PostgreSQL’s ' +
    '`idle_in_transaction_session_timeout` (60 s) ends such sessions; a request whose transaction lost its session fails ' +
    `with a 5xx once its wait for a second connection ends (in trials with 40–50 in flight, after about 120 s).${outcome} ` +
    'With fewer submissions in flight than connections (the bounded phase) every one completes.'
  );
}

