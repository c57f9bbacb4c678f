import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { AppConfig } from '@fa/shared';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../apps/server/src/auth/jwt.strategy';
import { formatNumber } from './report';

/** An applicant ready to submit: an active account, its bearer token, its organization and a complete draft. */
export interface Applicant {
  accountId: string;
  email: string;
  token: string;
  neq: string;
  applicationId: string;
}

/** A Montréal manufacturer's profile (region 06, wave 1, open since 2026-07-01), as in the intake e2e test. */
const PROFILE = {
  streetAddress: '1250, rue Notre-Dame Ouest',
  city: 'Montréal',
  postalCode: 'H3C 1K3',
  regionCode: '06',
  naicsCode: '332710',
  employees: 40,
  annualRevenueCents: 850_000_000,
  aiRole: 'ADOPTER',
};

/**
 * Every section of the draft complete, amounts in cents; milestones in 2027. The private half
 * is the enterprise's own funds without a commitment document, so the screening sends it to a
 * person (E6 NEEDS_REVIEW) — the bench stores no attachment files.
 */
const COMPLETE_CONTENT = {
  title: 'Inspection de la qualité par vision artificielle',
  description: 'Caméras et cobots pour inspecter chaque pièce usinée en temps réel.',
  sectorCode: 'MANUFACTURING_ROBOTICS',
  useCaseCode: 'REALTIME_QUALITY_INSPECTION',
  aiApproach: 'Réseaux de neurones convolutifs entraînés sur nos images de défauts.',
  dataAvailable: true,
  dataDescription: '120 000 images annotées de pièces conformes et défectueuses.',
  mlStaffInPlace: true,
  researchPartners: ['CRIM'],
  totalProjectCostCents: 50_000_000,
  amountRequestedCents: 25_000_000,
  otherPublicFundingCents: 0,
  aiJobsPlanned: 5,
  milestones: [
    { title: 'Pilote sur une ligne', dueOn: '2027-04-30' },
    { title: 'Déploiement complet', dueOn: '2027-10-31' },
  ],
  declaresAccuracy: true,
  consentsToProcessing: true,
  acknowledgesAutomatedScreening: true,
  coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: 25_000_000, evidenceAttachmentId: null }],
};

const PASSWORD = 'érable rouge au printemps 2026, banc d’essai';
/** Requests in flight while a benchmark prepares its data (not measured). */
export const PREPARATION_CONCURRENCY = 8;

export interface TimedResponse {
  status: number;
  body: string;
  /** From just before the request is sent until its whole body has arrived. */
  ms: number;
  /** A network failure (no HTTP answer). */
  error?: string;
}

/** How long a client waits for an answer before it gives up. */
export const CLIENT_TIMEOUT_MS = 180_000;

/** One request as an API client sends it: JSON body, bearer token. Never throws: a network failure or a timeout is a result. */
export async function timedRequest(baseUrl: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<TimedResponse> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 0, body: '', ms: performance.now() - started, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/** One line for a report or an error message: the status and the start of the body, or why there was no answer. */
export function describe(response: TimedResponse): string {
  if (response.error) return `no answer after ${formatNumber(response.ms)} ms (${response.error})`;
  return `${response.status} after ${formatNumber(response.ms)} ms: ${response.body.slice(0, 300)}`;
}

/** A preparation step's answer, parsed; throws, naming the step, unless it has the expected status. */
export async function expectStatus<T = unknown>(request: Promise<TimedResponse>, status: number, what: string): Promise<T> {
  const response = await request;
  if (response.status !== status) throw new Error(`${what} answered ${describe(response)}`);
  return (response.body ? JSON.parse(response.body) : null) as T;
}

/** Who the applicants of one benchmark are: distinct e-mails and NEQs, so two benchmarks can prepare theirs in one database. */
export interface Cohort {
  /** Starts every e-mail address of the cohort, e.g. `demandeur` → demandeur-1@banc-essai.example. */
  name: string;
  /** The NEQ of the first organization; the others follow. */
  neqBase: number;
}

const APPLICANTS: Cohort = { name: 'demandeur', neqBase: 1_160_000_000 };

/**
 * `count` applicants, each with an ACTIVE account, its own organization (distinct NEQ) and a
 * complete draft. Accounts: one applicant registers through the API (one argon2id hash), and
 * its row is copied in SQL for the others with only the e-mail and name changed and the address
 * marked verified (as the mailed link would) — hashing a thousand passwords would take minutes
 * and is not what is measured. Tokens: signed with the server's secret and claims, exactly as
 * POST /api/v1/auth/token signs them (which would verify a hash per account, and is throttled).
 * Organizations and drafts: through the API, as an applicant creates them.
 */
export async function prepareApplicants(baseUrl: string, databaseUrl: string, config: AppConfig, count: number, cohort: Cohort = APPLICANTS): Promise<Applicant[]> {
  const template = await registerTemplate(baseUrl, cohort.name);
  const accounts = await cloneAccounts(databaseUrl, template, cohort.name, 'APPLICANT', count);
  const sign = tokenSigner(config);
  return inBatches(accounts, PREPARATION_CONCURRENCY, async ({ id, email }, index) => {
    const token = sign(id);
    const neq = String(cohort.neqBase + index);
    const organization = await expectStatus<{ id: string }>(
      timedRequest(baseUrl, 'POST', '/api/v1/organizations', token, { legalName: `Usinage banc d’essai ${index} inc.`, neq, ...PROFILE }),
      201,
      'POST /api/v1/organizations',
    );
    const application = await expectStatus<{ id: string; checklist: { complete: boolean }[] }>(
      timedRequest(baseUrl, 'POST', '/api/v1/applications', token, { organizationId: organization.id, ...COMPLETE_CONTENT }),
      201,
      'POST /api/v1/applications',
    );
    if (!application.checklist.every((section) => section.complete)) throw new Error(`The draft is not complete: ${JSON.stringify(application)}`);
    return { accountId: id, email, token, neq, applicationId: application.id };
  });
}

export type StaffRole = 'REVIEWER' | 'APPROVER' | 'AUDITOR' | 'ADMINISTRATOR';

/**
 * One ACTIVE staff account per role given (in that order), with its bearer token: copies of a
 * registered account with the role changed, as prepareApplicants copies applicants (the CLI's
 * users:create would mail a set-up link to follow for each).
 */
export async function prepareStaff(baseUrl: string, databaseUrl: string, config: AppConfig, cohortName: string, roles: StaffRole[]): Promise<string[]> {
  const template = await registerTemplate(baseUrl, cohortName);
  const sign = tokenSigner(config);
  const tokens: string[] = [];
  for (const role of roles) {
    const [account] = await cloneAccounts(databaseUrl, template, `${cohortName}-${tokens.length + 1}`, role, 1);
    tokens.push(sign((account as { id: string }).id));
  }
  return tokens;
}

/** Registers the account the cohort's accounts are copied from, through the API; its e-mail. */
async function registerTemplate(baseUrl: string, cohortName: string): Promise<string> {
  const email = `gabarit-${cohortName}@banc-essai.example`;
  await expectStatus(timedRequest(baseUrl, 'POST', '/api/v1/auth/register', null, { email, displayName: 'Gabarit', preferredLocale: 'fr', password: PASSWORD }), 202, `Registration of ${email}`);
  return email;
}

/** Signs a bearer token for an account with the server's secret and claims, as POST /api/v1/auth/token does. */
function tokenSigner(config: AppConfig): (accountId: string) => string {
  const jwt = new JwtService({
    secret: config.API_TOKEN_SECRET,
    signOptions: { algorithm: 'HS256', expiresIn: config.API_TOKEN_MINUTES * 60, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
  });
  return (accountId) => jwt.sign({ sub: accountId });
}

async function cloneAccounts(databaseUrl: string, template: string, prefix: string, role: 'APPLICANT' | StaffRole, count: number): Promise<{ id: string; email: string }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string; email: string }>(
      `INSERT INTO account (id, email, display_name, preferred_locale, role, status, password_hash, email_verified_at, password_changed_at)
       SELECT gen_random_uuid(), $3 || '-' || n || '@banc-essai.example', initcap($3) || ' ' || n, preferred_locale, $4, 'ACTIVE', password_hash, now(), password_changed_at
         FROM account, generate_series(1, $2::int) AS n
        WHERE email = $1 AND role = 'APPLICANT'
        ORDER BY n
       RETURNING id, email`,
      [template, count, prefix, role],
    );
    if (result.rows.length !== count) throw new Error(`Copied ${result.rows.length} accounts instead of ${count}`);
    return result.rows;
  } finally {
    await client.end();
  }
}

/** Maps with at most `concurrency` calls under way; results in input order; the first failure stops it. */
export async function inBatches<T, R>(items: T[], concurrency: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
