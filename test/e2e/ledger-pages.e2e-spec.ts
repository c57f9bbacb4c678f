import { createHash, randomUUID } from 'node:crypto';
import { FixedClock } from '@fa/shared';
import { LedgerService } from '@fa/ledger';
import { AuditExportsService } from '@fa/audit-exports';
import { Role } from '@fa/identity';
import { TEST_PASSWORD, createActiveAccount } from '../support/accounts';
import { csvRecords } from '../support/csv';
import { portalClient } from '../support/portal-client';
import { ledgerPoster } from '../support/ledger-entries';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const TIME_ZONE = 'America/Toronto';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const GRANT_A = randomUUID();
const GRANT_B = randomUUID();
const GRANT_C = randomUUID();
/** More commitments than a page holds (50), so that the ledger pages. */
const SMALL_COMMITMENTS = 55;

const PEOPLE: Record<string, Role> = {
  'aude@iq.example': 'AUDITOR',
  'ada@iq.example': 'ADMINISTRATOR',
  'remi@iq.example': 'REVIEWER',
  'paule@iq.example': 'APPROVER',
  'chloe@usinage.example': 'APPLICANT',
};

describe('ledger pages', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new FixedClock(new Date('2026-11-02T15:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url, { APP_TIME_ZONE: TIME_ZONE }), clock);
    for (const [email, role] of Object.entries(PEOPLE)) await createActiveAccount(server.app, { email, role, displayName: email.split('@')[0] });
    await seedJournal();
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  async function seedJournal(): Promise<void> {
    const post = ledgerPoster(server.app, clock);
    await post('2026-11-02T15:00:00Z', 'commit', GRANT_A, 40_000_000, '06', 'MANUFACTURING_ROBOTICS', 'Approbation A');
    // 23:30 on 29 November in Québec.
    await post('2026-11-30T04:30:00Z', 'commit', GRANT_B, 25_000_000, '03', 'HEALTH_AI', 'Approbation B');
    // 23:30 on 30 November in Québec, 1 December in UTC: still November for the auditor.
    await post('2026-12-01T04:30:00Z', 'release', GRANT_B, 5_000_000, '03', 'HEALTH_AI', 'Réduction B');
    // 00:30 on 1 December in Québec.
    await post('2026-12-01T05:30:00Z', 'commit', GRANT_C, 10_000_000, '06', 'CONSTRUCTION_AI', 'Approbation C');
    for (let index = 0; index < SMALL_COMMITMENTS; index++) {
      await post(`2026-12-05T15:${String(index).padStart(2, '0')}:00Z`, 'commit', randomUUID(), 100_000 + index, '05', 'CONSTRUCTION_AI', `Petite approbation ${index}`);
    }
    clock.set(new Date('2026-12-10T15:00:00Z'));
  }

  const signedIn = async (email: string) => {
    const browser = portalClient(server.url);
    const login = await browser.get('/login');
    const signedInPage = await browser.post('/login', { _csrf: browser.csrfOf(login.html), email, password: TEST_PASSWORD });
    expect(signedInPage.status).toBe(303);
    return browser;
  };
  type Browser = Awaited<ReturnType<typeof signedIn>>;
  const unescape = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const text = (html: string) => unescape(html.replace(/<[^>]+>/g, ' ')).replace(/[\s\u00a0\u202f]+/g, ' ');
  /** The positions of the entries listed on a ledger page, in order. */
  const positionsOf = (html: string) => [...html.matchAll(/<tr data-position="(\d+)"/g)].map((match) => Number(match[1]));
  const hrefOf = (html: string, pattern: RegExp) => {
    const found = [...unescape(html).matchAll(/href="([^"]+)"/g)].map((match) => match[1]).find((href) => pattern.test(href));
    return found ?? null;
  };
  const exportHrefs = (html: string) => Object.fromEntries([...unescape(html).matchAll(/<a href="([^"]+)" data-export-format="(\w+)"/g)].map((match) => [match[2], match[1]]));
  const manifestField = (html: string, field: string) => text(new RegExp(`data-manifest="${field}">(.*?)</(dd|span)>`, 's').exec(html)?.[1] ?? '').trim();
  /** A download through the portal, as the browser makes it: the session cookie, the bytes as they came. */
  const download = async (browser: Browser, path: string) => {
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${server.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const positionsWhere = async (condition: string) =>
    (await db.query<{ position: number }>(`SELECT position::int AS position FROM ledger_entry WHERE ${condition} ORDER BY position`)).map((row) => row.position);
  const inQuebec = (from: string, to: string) => `(occurred_at AT TIME ZONE '${TIME_ZONE}')::date BETWEEN '${from}' AND '${to}'`;

  it('shows the envelope position, the entries a page at a time with amounts in dollars, and pages by position', async () => {
    const aude = await signedIn('aude@iq.example');
    const home = await aude.get('/');
    expect(home.html).toContain('<a href="/ledger">Grand livre</a>');
    const first = await aude.get('/ledger');
    expect(first.status).toBe(200);
    expect(text(first.html)).toContain('Grand livre de l\'enveloppe');
    const [envelope] = await server.app.get(LedgerService).envelopes();
    expect(envelope.committedCents).toBe(40_000_000 + 20_000_000 + 10_000_000 + Array.from({ length: SMALL_COMMITMENTS }, (_, index) => 100_000 + index).reduce((a, b) => a + b, 0));
    const envelopeRow = text(/<tr data-envelope="FA-2026">(.*?)<\/tr>/s.exec(first.html)![1]);
    expect(envelopeRow).toContain('15 000 000,00 $');
    expect(envelopeRow).toContain(`${(envelope.committedCents / 100).toLocaleString('fr-CA', { minimumFractionDigits: 2 }).replace(/[\s\u00a0\u202f]/g, ' ')} $`);
    expect(first.html).toContain('href="/ledger/verification"');

    const all = await positionsWhere('true');
    expect(all.length).toBeGreaterThan(50);
    expect(positionsOf(first.html)).toEqual(all.slice(0, 50));
    expect(text(first.html)).toContain(`Écritures 1 à 50 du grand livre, de la plus ancienne à la plus récente`);
    const rowOfA = /<tr data-position="\d+" data-entry-type="COMMITMENT">(?:(?!<\/tr>).)*?<\/tr>/gs;
    expect([...first.html.matchAll(rowOfA)].map((match) => text(match[0])).find((row) => row.includes(GRANT_A))).toContain('400 000,00 $');
    expect(text(first.html)).toContain('Engagement');
    expect(hrefOf(first.html, /^\/ledger\?after=/)).toBe('/ledger?after=50');
    expect(text(first.html)).not.toContain('Premières écritures');

    const second = await aude.get('/ledger?after=50');
    expect(positionsOf(second.html)).toEqual(all.slice(50));
    expect(hrefOf(second.html, /^\/ledger\?after=/)).toBeNull();
    expect(second.html).toContain('<a href="/ledger">Premières écritures</a>');
  });

  it('filters by period in Québec time, region, sector, grant and entry type, and keeps the filters in the form, the next page and the export links', async () => {
    const aude = await signedIn('aude@iq.example');
    const cases: { query: string; condition: string }[] = [
      { query: 'from=2026-11-01&to=2026-11-30', condition: inQuebec('2026-11-01', '2026-11-30') },
      { query: 'from=2026-12-01&to=2026-12-01', condition: inQuebec('2026-12-01', '2026-12-01') },
      { query: 'region=06', condition: "region_code = '06'" },
      { query: 'sector=HEALTH_AI', condition: "sector_code = 'HEALTH_AI'" },
      { query: `grant=${GRANT_B}`, condition: `grant_id = '${GRANT_B}'` },
      { query: 'type=COMMITMENT_RELEASE', condition: "entry_type = 'COMMITMENT_RELEASE'" },
      { query: 'from=2026-11-01&region=06&sector=CONSTRUCTION_AI', condition: `${inQuebec('2026-11-01', '2199-12-31')} AND region_code = '06' AND sector_code = 'CONSTRUCTION_AI'` },
    ];
    for (const { query, condition } of cases) {
      const page = await aude.get(`/ledger?${query}`);
      const expected = await positionsWhere(condition);
      expect([query, page.status, positionsOf(page.html)]).toEqual([query, 200, expected]);
      expect(expected.length).toBeGreaterThan(0);
      expect(exportHrefs(page.html)).toEqual({ csv: `/ledger/export?format=csv&${query}`, xlsx: `/ledger/export?format=xlsx&${query}`, jsonl: `/ledger/export?format=jsonl&${query}` });
    }
    // November as Québec lives it: B's release at 23:30 on 30 November is in it, C's commitment at 00:30 on 1 December is not.
    const november = await aude.get('/ledger?from=2026-11-01&to=2026-11-30');
    expect(november.html).toContain(GRANT_B);
    expect(november.html).not.toContain(GRANT_C);
    expect(november.html).toContain('id="from" name="from" type="date" value="2026-11-01"');
    const bySector = await aude.get('/ledger?sector=HEALTH_AI&type=COMMITMENT_RELEASE');
    expect(bySector.html).toMatch(/<option value="HEALTH_AI" selected>/);
    expect(bySector.html).toMatch(/<option value="COMMITMENT_RELEASE" selected>/);
    expect(positionsOf(bySector.html)).toEqual(await positionsWhere("sector_code = 'HEALTH_AI' AND entry_type = 'COMMITMENT_RELEASE'"));

    // Paging keeps the filters: 58 commitments, 50 on the first page.
    const commitments = await positionsWhere("entry_type = 'COMMITMENT'");
    const firstPage = await aude.get('/ledger?type=COMMITMENT');
    expect(positionsOf(firstPage.html)).toEqual(commitments.slice(0, 50));
    const next = hrefOf(firstPage.html, /after=/)!;
    expect(next).toBe(`/ledger?type=COMMITMENT&after=${commitments[49]}`);
    const secondPage = await aude.get(next);
    expect(positionsOf(secondPage.html)).toEqual(commitments.slice(50));
    expect(hrefOf(secondPage.html, /after=/)).toBeNull();
    expect(hrefOf(secondPage.html, /^\/ledger\?type=COMMITMENT$/)).toBe('/ledger?type=COMMITMENT');
  });

  it('says what to fix in a wrong filter, and then lists and exports nothing', async () => {
    const aude = await signedIn('aude@iq.example');
    const wrong = await aude.get('/ledger?from=2026-02-30&grant=abc&type=NOPE&region=99');
    expect(wrong.status).toBe(400);
    const summary = text(/<div class="error-summary".*?<\/div>/s.exec(wrong.html)![0]);
    expect(summary).toContain('Du : écrivez une date valide (AAAA-MM-JJ).');
    expect(summary).toContain('Région : choisissez une des options proposées.');
    expect(summary).toContain('Subvention (identifiant) : écrivez l\'identifiant complet de la subvention');
    expect(summary).toContain('Type d\'écriture : choisissez une des options proposées.');
    expect(wrong.html).toContain('<a href="#from">');
    expect(wrong.html).toMatch(/id="grant"[^>]*aria-invalid="true" aria-describedby="grant-error"/);
    expect(positionsOf(wrong.html)).toEqual([]);
    expect(exportHrefs(wrong.html)).toEqual({});
    expect(text(wrong.html)).toContain('Corrigez les filtres pour exporter.');

    const backwards = await aude.get('/ledger?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(text(backwards.html)).toContain('Au : la fin de la période doit suivre son début (Du).');

    // An export link edited by hand: the library refuses it before anything is read, and no manifest is stored.
    const before = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM export_manifest');
    const refused = await aude.get('/ledger/export?format=csv&from=2026-12-01&to=2026-11-01');
    expect(refused.status).toBe(400);
    expect(text(refused.html)).toContain('Un filtre n\'est pas valide');
    expect(await aude.get('/ledger/export?format=pdf')).toMatchObject({ status: 400 });
    await expect(db.query('SELECT count(*)::int AS count FROM export_manifest')).resolves.toEqual(before);
  });

  it('downloads an export through the portal whose SHA-256 and rows equal its manifest page, listed among the caller’s recent exports', async () => {
    const aude = await signedIn('aude@iq.example');
    const page = await aude.get('/ledger?region=06');
    const file = await download(aude, exportHrefs(page.html).csv);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv"/);
    expect(file.headers.get('cache-control')).toBe('no-store');
    const exportId = file.headers.get('x-export-id')!;
    const records = csvRecords(Buffer.from(file.bytes).toString('utf8'));
    expect(records.map((record) => Number(record.position))).toEqual(await positionsWhere("region_code = '06'"));
    expect(records.every((record) => record.region_code === '06')).toBe(true);

    // The manifest is stored before the body ends: the ledger page lists it at once, newest first.
    const after = await aude.get('/ledger');
    const listed = [...after.html.matchAll(/<tr data-export-id="([0-9a-f-]{36})">/g)].map((match) => match[1]);
    expect(listed[0]).toBe(exportId);
    expect(after.html).toContain(`href="/ledger/exports/${exportId}"`);
    expect(text(/<tr data-export-id="[^"]+">.*?<\/tr>/s.exec(after.html)![0])).toContain('Région : 06');

    const manifestPage = await aude.get(`/ledger/exports/${exportId}`);
    expect(manifestPage.status).toBe(200);
    expect(manifestField(manifestPage.html, 'sha256')).toBe(sha256(file.bytes));
    expect(manifestField(manifestPage.html, 'rowCount')).toBe(String(records.length));
    expect(manifestField(manifestPage.html, 'byteCount').replace(/\s/g, '')).toBe(String(file.bytes.length));
    expect(manifestField(manifestPage.html, 'filters')).toBe('Région : 06');
    expect(manifestField(manifestPage.html, 'requestedBy')).toBe('aude@iq.example');
    const [head] = await db.query<{ position: number; hash: string }>('SELECT position::int AS position, hash FROM ledger_entry ORDER BY position DESC LIMIT 1');
    expect(manifestField(manifestPage.html, 'chainHeadHash')).toBe(head.hash);
    expect(text(manifestPage.html)).toContain(`écriture n° ${head.position}, empreinte`);
    // The totals per account on the page are the stored manifest's, which the API's tests check against the database.
    const stored = await server.app.get(AuditExportsService).manifest(exportId, 'LEDGER');
    const shown = [...manifestPage.html.matchAll(/<tr data-account="([^"]+)" data-debit-cents="(\d+)" data-credit-cents="(\d+)">/g)].map((match) => ({ account: match[1], debitCents: Number(match[2]), creditCents: Number(match[3]) }));
    expect(shown).toEqual(stored.accountTotals);
    expect(text(manifestPage.html)).toContain('400 000,00 $');
    const [audit] = await db.query<{ action: string; outcome: string; actor_label: string }>("SELECT action, outcome, actor_label FROM audit_event WHERE object_type = 'export' AND object_id = $1", [exportId]);
    expect(audit).toEqual({ action: 'ledger.exported', outcome: 'SUCCESS', actor_label: 'aude@iq.example' });

    // The other formats stream the same way, and each has its manifest.
    for (const format of ['xlsx', 'jsonl'] as const) {
      const other = await download(aude, exportHrefs(page.html)[format]);
      expect([format, other.status]).toEqual([format, 200]);
      const otherPage = await aude.get(`/ledger/exports/${other.headers.get('x-export-id')}`);
      expect(manifestField(otherPage.html, 'sha256')).toBe(sha256(other.bytes));
    }
    const latest = await aude.get('/ledger');
    expect([...latest.html.matchAll(/<tr data-export-id="([0-9a-f-]{36})">/g)]).toHaveLength(3);

    // Another auditor reads the manifest, but the list is each person's own.
    const ada = await signedIn('ada@iq.example');
    expect((await ada.get(`/ledger/exports/${exportId}`)).status).toBe(200);
    const adaLedger = await ada.get('/ledger');
    expect(adaLedger.html).not.toContain('data-export-id=');
    expect(text(adaLedger.html)).toContain('Vous n\'avez encore fait aucune exportation.');
    // A manifest of the ledger is not one of the audit trail, and an unknown id is the error page's 404.
    expect((await aude.get(`/admin/audit/exports/${exportId}`)).status).toBe(404);
    expect((await aude.get(`/ledger/exports/${randomUUID()}`)).status).toBe(404);
    expect((await aude.get('/ledger/exports/not-an-id')).status).toBe(404);
  });

  it('exports the audit trail from its page with the page’s period and action, and shows that export’s manifest', async () => {
    const ada = await signedIn('ada@iq.example');
    const page = await ada.get('/admin/audit?action=auth.&from=2026-11-01&to=2026-12-31');
    expect(page.status).toBe(200);
    expect(exportHrefs(page.html)).toEqual({
      csv: '/admin/audit/export?format=csv&from=2026-11-01&to=2026-12-31&action=auth.',
      xlsx: '/admin/audit/export?format=xlsx&from=2026-11-01&to=2026-12-31&action=auth.',
      jsonl: '/admin/audit/export?format=jsonl&from=2026-11-01&to=2026-12-31&action=auth.',
    });
    const file = await download(ada, exportHrefs(page.html).jsonl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/filename="audit-trail-[\d-]+-[0-9a-f]{8}\.jsonl"/);
    const lines = Buffer.from(file.bytes).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { action: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.action.startsWith('auth.'))).toBe(true);
    const exportId = file.headers.get('x-export-id')!;
    const again = await ada.get('/admin/audit');
    expect(again.html).toContain(`href="/admin/audit/exports/${exportId}"`);
    const manifestPage = await ada.get(`/admin/audit/exports/${exportId}`);
    expect(manifestPage.status).toBe(200);
    expect(manifestField(manifestPage.html, 'sha256')).toBe(sha256(file.bytes));
    expect(manifestField(manifestPage.html, 'rowCount')).toBe(String(lines.length));
    expect(manifestField(manifestPage.html, 'filters')).toBe('Du : 2026-11-01 Au : 2026-12-31 Fuseau horaire : America/Toronto Action (début) : auth.');
    expect(manifestPage.html).not.toContain('data-account-totals');
    expect(manifestPage.html).toContain('<p><a href="/admin/audit">Retour au journal d&#x27;audit</a></p>');
    expect((await ada.get(`/ledger/exports/${exportId}`)).status).toBe(404);

    // The page's period is the export's: calendar days in Québec, both included.
    const wrong = await ada.get('/admin/audit?from=2026-12-31&to=2026-11-01');
    expect(wrong.status).toBe(400);
    expect(exportHrefs(wrong.html)).toEqual({});
    const eventsOf = (html: string) => [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((match) => Number(match[1]));
    const [{ day }] = await db.query<{ day: string }>(`SELECT to_char((min(occurred_at) AT TIME ZONE '${TIME_ZONE}')::date, 'YYYY-MM-DD') AS day FROM audit_event`);
    const expected = (await db.query<{ position: number }>(
      `SELECT chain_position::int AS position FROM audit_event WHERE ${inQuebec(day, day)} ORDER BY chain_position DESC LIMIT 50`,
    )).map((row) => row.position);
    expect(expected.length).toBeGreaterThan(0);
    expect(eventsOf((await ada.get(`/admin/audit?from=${day}&to=${day}`)).html)).toEqual(expected);
    expect(eventsOf((await ada.get('/admin/audit?from=2020-01-01&to=2020-01-31')).html)).toEqual([]);
  });

  it('verifies the whole ledger on a page of its own', async () => {
    const aude = await signedIn('aude@iq.example');
    const page = await aude.get('/ledger/verification');
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-ledger-status="valid"');
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM ledger_entry');
    expect(text(page.html)).toContain(`Grand livre vérifié : ${count} écritures`);
  });

  it('is for auditors and administrators only: 403 for applicants, reviewers and approvers, and no link for them', async () => {
    // Refused before anything is read: the manifests' ids need not exist.
    const paths = ['/ledger', '/ledger/verification', '/ledger/export?format=csv', `/ledger/exports/${randomUUID()}`, '/admin/audit/export?format=csv', `/admin/audit/exports/${randomUUID()}`];
    const before = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM export_manifest');
    for (const email of ['chloe@usinage.example', 'remi@iq.example', 'paule@iq.example']) {
      const someone = await signedIn(email);
      for (const path of paths) expect([email, path, (await someone.get(path)).status]).toEqual([email, path, 403]);
      expect((await someone.get('/')).html).not.toContain('href="/ledger"');
    }
    for (const path of paths) expect([path, (await portalClient(server.url).get(path)).status]).toEqual([path, 401]);
    await expect(db.query('SELECT count(*)::int AS count FROM export_manifest')).resolves.toEqual(before);
  });

  it('shows the ledger, its verification and a manifest in English', async () => {
    const aude = await signedIn('aude@iq.example');
    await aude.get('/language/en?next=%2Fledger');
    const page = await aude.get(`/ledger?grant=${GRANT_A}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en-CA">');
    expect(text(page.html)).toContain('Envelope ledger');
    expect(text(page.html)).toContain('$400,000.00');
    expect(text(page.html)).toContain('Commitment');
    expect(text(page.html)).toContain('Export as CSV');
    expect(text(page.html)).toContain('$15,000,000.00');
    const wrong = await aude.get('/ledger?to=2026-13-01');
    expect(text(wrong.html)).toContain('To: write a valid date (YYYY-MM-DD).');
    expect(text((await aude.get('/ledger/verification')).html)).toContain('Ledger verified:');
    const exportId = (await download(aude, exportHrefs((await aude.get('/ledger?region=06')).html).csv)).headers.get('x-export-id');
    const manifestPage = await aude.get(`/ledger/exports/${exportId}`);
    expect(text(manifestPage.html)).toContain('Manifest of export ledger-');
    expect(manifestField(manifestPage.html, 'filters')).toBe('Region: 06');
    expect(text(manifestPage.html)).toContain('Back to the ledger');
  });
});
