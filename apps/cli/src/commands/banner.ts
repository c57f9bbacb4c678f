import { AppConfig } from '@fa/shared';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-data.service';

/** What a person needs once the platform runs: where to go, and what they can use. */
export function printBanner(config: AppConfig, listeningUrl: string | undefined, embeddedDatabase: boolean, embeddedSmtp: boolean): void {
  const base = config.PUBLIC_URL;
  const lines = [
    '',
    'Fonds Accélération is running',
    `  Portal (français):  ${base}/`,
    `  Portal (English):   ${base}/language/en`,
    `  REST API + OpenAPI: ${base}/api/docs`,
    `  Health:             ${base}/health`,
    ...(embeddedSmtp ? [`  Received mail:      ${base}/dev/mail`] : []),
    `  Database:           ${embeddedDatabase ? `embedded PostgreSQL in ${config.EMBEDDED_PG_DIR} (127.0.0.1:${config.EMBEDDED_PG_PORT})` : 'DATABASE_URL'}`,
    `  Listening on:       ${listeningUrl ?? `${config.HOST}:${config.PORT}`}`,
    ...(config.NODE_ENV === 'production'
      ? []
      : [
          `  Demo accounts (password "${DEMO_PASSWORD}"), sign in at ${base}/login:`,
          ...DEMO_ACCOUNTS.map((account) => `    ${account.role.padEnd(14)} ${account.email}`),
        ]),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}
