import { ConfigurationError, configurationVariableNames, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('applies the documented defaults to an empty environment', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({ NODE_ENV: 'development', PORT: 3000, HOST: '127.0.0.1', PROGRAM_CODE: 'FA-2026', SMTP_PORT: 2525 });
    expect(sut.PUBLIC_URL).toBe('http://localhost:3000');
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from text', () => {
    const sut = loadConfig({ PORT: '8080', SMTP_SECURE: 'true', DATABASE_POOL_SIZE: '25' });
    expect(sut).toMatchObject({ PORT: 8080, SMTP_SECURE: true, DATABASE_POOL_SIZE: 25 });
  });

  it('treats an empty variable as unset', () => {
    const sut = loadConfig({ SMTP_HOST: '', PORT: '' });
    expect(sut.SMTP_HOST).toBeUndefined();
    expect(sut.PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['SMTP_SECURE', 'perhaps'],
    ['MAIL_FROM_ADDRESS', 'not-an-address'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['LOG_LEVEL', 'verbose'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name} = `));
  });

  it('lists every problem at once and never prints a password or a database URL', () => {
    let error: ConfigurationError | undefined;
    try {
      loadConfig({ PORT: 'x', SMTP_USER: 'robot', SMTP_PASSWORD: '', DATABASE_URL: 'mysql://user:secret@db/x' });
    } catch (caught) {
      error = caught as ConfigurationError;
    }
    expect(error?.problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'SMTP_PASSWORD']);
    expect(error?.message).not.toContain('secret');
  });

  it('knows the name of every variable it reads', () => {
    expect(configurationVariableNames()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'SMTP_HOST', 'SMTP_PASSWORD', 'PUBLIC_URL', 'LOG_LEVEL']));
  });
});

describe('production secrets', () => {
  it('refuses the development secrets in production, naming each variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET = \(hidden\): set a secret of your own in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })).toThrow(/API_TOKEN_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), API_TOKEN_SECRET: 't'.repeat(40) }).NODE_ENV).toBe('production');
  });

  it('refuses a short secret without printing it', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'tiny-secret' })).toThrow(/SESSION_SECRET = \(hidden\): SESSION_SECRET must have at least 32 characters/);
  });
});
