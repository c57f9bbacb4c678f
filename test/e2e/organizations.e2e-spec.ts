import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TEST_PASSWORD as PASSWORD, createActiveAccount } from '../support/accounts';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { apiClient } from '../support/http-client';
import { portalClient } from '../support/portal-client';


describe('organizations', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    const people: [string, Role][] = [['alice@robotique.example', 'APPLICANT'], ['bruno@construction.example', 'APPLICANT'], ['rev@iq.example', 'REVIEWER']];
    for (const [email, role] of people) {
      await createActiveAccount(server.app, { email, role });
      tokens[email] = (await apiClient(server.url).post('/api/v1/auth/token', { email, password: PASSWORD })).body.accessToken as string;
    }
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const as = (email: string) => {
    const api = apiClient(server.url);
    return { get: (path: string) => api.get(path, { token: tokens[email] }), post: (path: string, body: unknown) => api.post(path, body, { token: tokens[email] }) };
  };

  let aliceOrganization: string;

  it('lets an applicant register their enterprise and see it', async () => {
    const created = await as('alice@robotique.example').post('/api/v1/organizations', { legalName: 'Robotique Estrie inc.', neq: '1171234567' });
    expect(created).toMatchObject({ status: 201, body: { legalName: 'Robotique Estrie inc.', neq: '1171234567' } });
    aliceOrganization = created.body.id as string;
    await expect(as('alice@robotique.example').get('/api/v1/organizations')).resolves.toMatchObject({ status: 200, body: [{ id: aliceOrganization }] });
    await expect(as('alice@robotique.example').get(`/api/v1/organizations/${aliceOrganization}`)).resolves.toMatchObject({ status: 200 });
  });

  it("answers another organization's object exactly like a missing one, and records the attempt", async () => {
    const intruder = as('bruno@construction.example');
    const other = await intruder.get(`/api/v1/organizations/${aliceOrganization}`);
    const missing = await intruder.get(`/api/v1/organizations/${randomUUID()}`);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const shape = (body: Record<string, unknown>) => ({ ...body, correlationId: 'x' });
    expect(shape(other.body)).toEqual(shape(missing.body));
    expect(other.body.code).toBe('ORGANIZATION_NOT_FOUND');
    await expect(intruder.get('/api/v1/organizations')).resolves.toMatchObject({ status: 200, body: [] });
    const denied = await db.query<{ object_id: string; outcome: string; correlation_id: string }>(
      "SELECT object_id, outcome, correlation_id FROM audit_event WHERE action = 'organization.access_denied' AND actor_label = 'bruno@construction.example' ORDER BY chain_position",
    );
    expect(denied.map((row) => [row.object_id, row.outcome])).toEqual([[aliceOrganization, 'DENIED'], [expect.any(String), 'DENIED']]);
    expect(denied[0].correlation_id).toBe(other.body.correlationId);
  });

  it('lets staff see every organization', async () => {
    await expect(as('rev@iq.example').get(`/api/v1/organizations/${aliceOrganization}`)).resolves.toMatchObject({ status: 200 });
    await expect(as('rev@iq.example').post('/api/v1/organizations', { legalName: 'X', neq: '1170000000' })).resolves.toMatchObject({ status: 403 });
  });

  it('gives a person everything held about them, and no secret', async () => {
    const response = await as('alice@robotique.example').get('/api/v1/me/data');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      account: { email: 'alice@robotique.example', role: 'APPLICANT', status: 'ACTIVE' },
      organizations: [{ legalName: 'Robotique Estrie inc.', neq: '1171234567' }],
      mails: [{ type: 'email-verification', language: 'fr' }],
    });
    const actions = (response.body.auditEvents as { action: string }[]).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['account.registered', 'auth.login', 'organization.created']));
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/argon2|token_hash|bruno@construction/);
  });

  it('offers the same download in the portal, as an attachment', async () => {
    const browser = portalClient(server.url);
    await browser.post('/login', { _csrf: browser.csrfOf((await browser.get('/login')).html), email: 'alice@robotique.example', password: PASSWORD });
    const download = await browser.get('/account/data');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="mes-donnees-fonds-acceleration.json"');
    expect(JSON.parse(download.html)).toMatchObject({ account: { email: 'alice@robotique.example' } });
    expect((await portalClient(server.url).get('/account/data')).status).toBe(401);
  });

  it('refuses a second registration of the same NEQ, and a malformed one', async () => {
    await expect(as('bruno@construction.example').post('/api/v1/organizations', { legalName: 'Copie', neq: '1171234567' })).resolves.toMatchObject({
      status: 409,
      body: { code: 'ORGANIZATION_ALREADY_REGISTERED' },
    });
    await expect(as('bruno@construction.example').post('/api/v1/organizations', { legalName: 'Bad', neq: '12345' })).resolves.toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await db.query("SELECT legal_name FROM organization ORDER BY legal_name")).toEqual([{ legal_name: 'Robotique Estrie inc.' }]);
  });

  describe('invitations', () => {
    const invitationToken = async (email: string) => {
      const rows = await db.query<{ url: string }>("SELECT payload->>'acceptUrl' AS url FROM outbox_event WHERE type = 'organization-invitation' AND recipient_email = $1 ORDER BY created_at DESC LIMIT 1", [email]);
      return new URL(rows[0].url).searchParams.get('token')!;
    };

    it('lets a member invite a colleague, who joins with the mailed link, once', async () => {
      const sent = await as('alice@robotique.example').post(`/api/v1/organizations/${aliceOrganization}/invitations`, { email: 'Bruno@Construction.example' });
      expect(sent).toMatchObject({ status: 202, body: { status: 'INVITATION_SENT' } });
      const token = await invitationToken('bruno@construction.example');
      await expect(as('bruno@construction.example').post('/api/v1/organizations/invitations/accept', { token })).resolves.toMatchObject({ status: 200, body: { id: aliceOrganization } });
      await expect(as('bruno@construction.example').get(`/api/v1/organizations/${aliceOrganization}`)).resolves.toMatchObject({ status: 200 });
      const members = await as('bruno@construction.example').get(`/api/v1/organizations/${aliceOrganization}/members`);
      expect((members.body as unknown as { email: string }[]).map((member) => member.email)).toEqual(['alice@robotique.example', 'bruno@construction.example']);
      await expect(as('bruno@construction.example').post('/api/v1/organizations/invitations/accept', { token })).resolves.toMatchObject({ status: 400, body: { code: 'INVALID_OR_EXPIRED_LINK' } });
    });

    it('lets only the invited address accept, and only members invite', async () => {
      await as('alice@robotique.example').post(`/api/v1/organizations/${aliceOrganization}/invitations`, { email: 'carole@robotique.example' });
      const token = await invitationToken('carole@robotique.example');
      await createActiveAccount(server.app, { email: 'dany@ailleurs.example', role: 'APPLICANT' });
      tokens['dany@ailleurs.example'] = (await apiClient(server.url).post('/api/v1/auth/token', { email: 'dany@ailleurs.example', password: PASSWORD })).body.accessToken as string;
      await expect(as('dany@ailleurs.example').post('/api/v1/organizations/invitations/accept', { token })).resolves.toMatchObject({ status: 403, body: { code: 'INVITATION_FOR_ANOTHER_ADDRESS' } });
      await expect(as('dany@ailleurs.example').post(`/api/v1/organizations/${aliceOrganization}/invitations`, { email: 'x@ailleurs.example' })).resolves.toMatchObject({ status: 404, body: { code: 'ORGANIZATION_NOT_FOUND' } });
      const actions = (await db.query<{ action: string }>("SELECT action FROM audit_event WHERE object_type = 'organization' ORDER BY chain_position")).map((row) => row.action);
      expect(actions).toEqual(expect.arrayContaining(['organization.invitation_sent', 'organization.member_joined']));
    });
  });
});
