import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import connectPgSimple from 'connect-pg-simple';
import { AppConfig, Clock } from '@fa/shared';

export const SESSION_COOKIE = 'fa_session';

/**
 * Portal sessions in PostgreSQL (table portal_session), shared by every server process.
 * Cookie HttpOnly, SameSite=Lax, Secure in production. Idle timeout: the cookie's max age,
 * renewed on each request (rolling) and enforced by the store. Absolute timeout: checked on
 * each request against the sign-in time. CSRF secrets live in the session.
 */
export async function registerPortalSessions(app: NestFastifyApplication, config: AppConfig, clock: Clock): Promise<void> {
  const PgStore = connectPgSimple(fastifySession);
  const store = new PgStore({
    conString: config.DATABASE_URL,
    tableName: 'portal_session',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
  });
  await app.register(fastifySession, {
    secret: config.SESSION_SECRET,
    cookieName: SESSION_COOKIE,
    store: store as never,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: config.SESSION_IDLE_MINUTES * 60_000,
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  const fastify = app.getHttpAdapter().getInstance();
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  fastify.addHook('onRequest', async (request) => {
    const session = request.session;
    if (session?.accountId && (!session.authenticatedAt || clock.now().getTime() - session.authenticatedAt > absoluteMs)) {
      // regenerate(), not destroy(): the request goes on with an empty session rather than none.
      await session.regenerate();
    }
  });
  fastify.addHook('onClose', async () => store.close());
}
