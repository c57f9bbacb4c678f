import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { AppConfig } from '@fa/shared';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../apps/server/src/auth/jwt.strategy';

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
const PREPARATION_CONCURRENCY = 8;

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
export async function timedRequest(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<TimedResponse> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 0, body: '', ms: performance.now() - started, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/**
 * `count` applicants, each with an ACTIVE account, its own organization (distinct NEQ) and a
 * complete draft. Accounts: one applicant registers through the API (one argon2id hash), and
 * its row is copied in SQL for the others with only the e-mail and name changed and the address
 * marked verified (as the mailed link would) — hashing a thousand passwords would take minutes
 * and is not what is measured. Tokens: signed with the server's secret and claims, exactly as
 * POST /api/v1/auth/token signs them (which would verify a hash per account, and is throttled).
 * Organizations and drafts: through the API, as an applicant creates them.
 */
export async function prepareApplicants(baseUrl: string, databaseUrl: string, config: AppConfig, count: number): Promise<Applicant[]> {
  const template = 'gabarit@banc-essai.example';
  const registered = await timedRequest(baseUrl, 'POST', '/api/v1/auth/register', null, { email: template, displayName: 'Gabarit', preferredLocale: 'fr', password: PASSWORD });
  if (registered.status !== 202) throw new Error(`Registration of the template applicant answered ${registered.status}: ${registered.body}`);
  const accounts = await cloneAccount(databaseUrl, template, count);
  const jwt = new JwtService({
    secret: config.API_TOKEN_SECRET,
    signOptions: { algorithm: 'HS256', expiresIn: config.API_TOKEN_MINUTES * 60, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
  });
  return inBatches(accounts, PREPARATION_CONCURRENCY, async ({ id, email }, index) => {
    const token = jwt.sign({ sub: id });
    const neq = String(1_160_000_000 + index);
    const organization = await timedRequest(baseUrl, 'POST', '/api/v1/organizations', token, { legalName: `Usinage banc d’essai ${index} inc.`, neq, ...PROFILE });
    if (organization.status !== 201) throw new Error(`POST /api/v1/organizations answered ${organization.status}: ${organization.body}`);
    const organizationId = (JSON.parse(organization.body) as { id: string }).id;
    const draft = await timedRequest(baseUrl, 'POST', '/api/v1/applications', token, { organizationId, ...COMPLETE_CONTENT });
    if (draft.status !== 201) throw new Error(`POST /api/v1/applications answered ${draft.status}: ${draft.body}`);
    const application = JSON.parse(draft.body) as { id: string; checklist: { complete: boolean }[] };
    if (!application.checklist.every((section) => section.complete)) throw new Error(`The draft is not complete: ${draft.body}`);
    return { accountId: id, email, token, neq, applicationId: application.id };
  });
}

async function cloneAccount(databaseUrl: string, template: string, count: number): Promise<{ id: string; email: string }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string; email: string }>(
      `INSERT INTO account (id, email, display_name, preferred_locale, role, status, password_hash, email_verified_at, password_changed_at)
       SELECT gen_random_uuid(), 'demandeur-' || n || '@banc-essai.example', 'Demandeur ' || n, preferred_locale, role, 'ACTIVE', password_hash, now(), password_changed_at
         FROM account, generate_series(1, $2::int) AS n
        WHERE email = $1 AND role = 'APPLICANT'
        ORDER BY n
       RETURNING id, email`,
      [template, count],
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
