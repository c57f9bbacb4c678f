import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('HTTP API', () => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  describe('health', () => {
    it('reports the database as up on /health and /health/ready', async () => {
      for (const path of ['/health', '/health/ready']) {
        const response = await get(path);
        expect(response.status).toBe(200);
        await expect(response.json()).resolves.toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
      }
    });

    it('answers liveness without the database', async () => {
      const response = await get('/health/live');
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({ status: 'ok' });
    });
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI 3 document at /api/docs-json', async () => {
      const response = await get('/api/docs-json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\./);
      await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/programs/{code}', '/api/v1/programs/{code}/overview', '/api/v1/regions', '/health']),
      );
    });

    it('serves the documentation page at /api/docs', async () => {
      const response = await get('/api/docs');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('swagger');
    });
  });

  it('answers the API with the headers of a JSON API: never rendered, framed or cached by a browser', async () => {
    const response = await get('/api/v1/regions');
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  describe('programs', () => {
    it('reads the FA-2026 settings from the program table, in integer cents', async () => {
      const response = await get('/api/v1/programs/FA-2026');
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({
        code: 'FA-2026',
        envelopeCents: 1_500_000_000,
        grantCeilingCents: 50_000_000,
        coInvestmentRatioBps: 10_000,
        launchDate: '2026-07-01',
      });
    });

    it('tells which waves are open on a given date', async () => {
      const response = await get('/api/v1/programs/FA-2026/overview?asOf=2026-11-22');
      const overview = (await response.json()) as { waves: { waveNumber: number; open: boolean; regions: { code: string }[] }[]; currentPeriodCode: string };
      expect(overview.waves.map((wave) => [wave.waveNumber, wave.open])).toEqual([[1, true], [2, true], [3, false]]);
      expect(overview.waves.flatMap((wave) => wave.regions.map((region) => region.code)).sort()).toEqual(
        ['02', '03', '04', '05', '06', '07', '12', '13', '16', '17'],
      );
      expect(overview.currentPeriodCode).toBe('T3');
    });

    it('lists the 17 regions with their official codes', async () => {
      const regions = (await (await get('/api/v1/regions')).json()) as { code: string }[];
      expect(regions.map((region) => region.code)).toEqual(Array.from({ length: 17 }, (_, index) => String(index + 1).padStart(2, '0')));
    });
  });

  describe('errors', () => {
    it('answers an unknown program with its stable code, a French message and the correlation id', async () => {
      const response = await get('/api/v1/programs/FA-1999');
      expect(response.status).toBe(404);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ code: 'PROGRAM_NOT_FOUND', message: 'Aucun programme ne porte ce code.' });
      expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
    });

    it('answers in English when Accept-Language asks for it', async () => {
      const response = await get('/api/v1/programs/FA-1999', { 'accept-language': 'en-CA,en;q=0.9' });
      await expect(response.json()).resolves.toMatchObject({ message: 'No program has this code.' });
    });

    it('keeps a caller-supplied correlation id', async () => {
      const response = await get('/api/v1/programs/FA-1999', { 'x-correlation-id': 'caller-trace-12345' });
      expect(response.headers.get('x-correlation-id')).toBe('caller-trace-12345');
      await expect(response.json()).resolves.toMatchObject({ correlationId: 'caller-trace-12345' });
    });

    it('refuses malformed input with VALIDATION_FAILED and the fields at fault', async () => {
      const badCode = await get('/api/v1/programs/drop%20table');
      expect(badCode.status).toBe(400);
      await expect(badCode.json()).resolves.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'code' }] } });
      const badDate = await get('/api/v1/programs/FA-2026/overview?asOf=2026-13-45');
      expect(badDate.status).toBe(400);
      const unknownField = await get('/api/v1/programs/FA-2026/overview?status=APPROVED');
      expect(unknownField.status).toBe(400);
    });

    it('answers an unknown route with NOT_FOUND in the same shape', async () => {
      const response = await get('/api/v1/nothing-here');
      expect(response.status).toBe(404);
      await expect(response.json()).resolves.toMatchObject({ code: 'NOT_FOUND', correlationId: expect.any(String) });
    });

    it('answers a malformed JSON body with a 4xx code, never a stack trace', async () => {
      const response = await fetch(`${server.url}/api/v1/regions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: expect.any(String), correlationId: expect.any(String) });
      expect(text).not.toMatch(/at .*\.(js|ts):\d+|node_modules|SELECT|stack/i);
    });
  });
});
