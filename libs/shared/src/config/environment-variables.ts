import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no', ''].includes(normalized)) return false;
  return value;
};

/** Known to everyone who reads this code: fine on a laptop, refused in production. */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-change-me';
export const DEVELOPMENT_API_TOKEN_SECRET = 'development-only-api-token-secret-change-me';

/**
 * Every environment variable the platform reads, with its default. Validated once at boot:
 * a bad value stops the process with a message naming the variable. The README's
 * configuration table documents the same list (a test keeps the two in step).
 */
export class EnvironmentVariables {
  /** `development`, `test` or `production`; production hides /dev/mail and marks cookies Secure. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** HTTP port of the server. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the server listens on; `0.0.0.0` in a container. */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  /** Trust X-Forwarded-* headers (client address, protocol) from the load balancer in front. Default: on in production only. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY?: boolean;

  /** Public base URL of the portal, used in links inside e-mails. Defaults to http://localhost:PORT. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  /** PostgreSQL connection string. Without it, `npm start` runs the embedded PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Connections per process in the database pool. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Folder of the embedded PostgreSQL (when DATABASE_URL is unset). */
  @IsString()
  @MinLength(1)
  EMBEDDED_PG_DIR = '.data/postgres';

  /** Port of the embedded PostgreSQL. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** SMTP relay host. Without it, `npm start` runs an in-process SMTP server that keeps mail for /dev/mail. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SMTP_HOST?: string;

  /** SMTP port (the in-process server listens here too). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 2525;

  /** `true` for implicit TLS (port 465); STARTTLS is negotiated otherwise when offered. */
  @Transform(toBool)
  @IsBoolean()
  SMTP_SECURE = false;

  /** SMTP user name, when the relay requires authentication. */
  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  /** SMTP password, when the relay requires authentication. */
  @ValidateIf((env: EnvironmentVariables) => env.SMTP_USER !== undefined)
  @IsString()
  @MinLength(1, { message: 'SMTP_PASSWORD is required when SMTP_USER is set' })
  SMTP_PASSWORD?: string;

  /** Sender address of every e-mail. */
  @IsEmail({ require_tld: false })
  MAIL_FROM_ADDRESS = 'no-reply@fonds-acceleration.localhost';

  /** Sender display name. */
  @IsString()
  @MinLength(1)
  MAIL_FROM_NAME = 'Fonds Accélération — Investissement Québec';

  /** Attempts to deliver one e-mail before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 6;

  /** First retry delay in seconds; doubles at each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_DELAY_SECONDS = 30;

  /** Folder where the in-process SMTP server keeps received mail. */
  @IsString()
  @MinLength(1)
  DEV_MAIL_DIR = '.data/mail';

  /** Folder of the local attachment storage (files under generated names; metadata in PostgreSQL). */
  @IsString()
  @MinLength(1)
  ATTACHMENTS_DIR = '.data/attachments';

  /** Jobs a worker process runs at once, per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** Program whose figures the portal presents. */
  @Matches(/^[A-Z0-9-]{3,20}$/)
  PROGRAM_CODE = 'FA-2026';

  /** Time zone that decides "today" for intake dates and waves. */
  @Matches(/^[A-Za-z_]+\/[A-Za-z_]+$/)
  APP_TIME_ZONE = 'America/Toronto';

  /** Signs portal session cookies; at least 32 characters. The development default is refused in production. */
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must have at least 32 characters' })
  SESSION_SECRET = DEVELOPMENT_SESSION_SECRET;

  /**
   * An export whose reader takes no byte for this many seconds is ended: its snapshot holds a
   * pooled connection and an old transaction horizon (vacuum waits on it) while it lasts.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  EXPORT_STALL_SECONDS = 120;

  /** A portal session ends after this many minutes without a request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /** A portal session ends this many hours after sign-in, whatever the activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Signs API bearer tokens (HS256); at least 32 characters. The development default is refused in production. */
  @IsString()
  @MinLength(32, { message: 'API_TOKEN_SECRET must have at least 32 characters' })
  API_TOKEN_SECRET = DEVELOPMENT_API_TOKEN_SECRET;

  /** Lifetime of an API bearer token, in minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  API_TOKEN_MINUTES = 15;

  /** Failed sign-ins allowed per account, and per client address, within LOGIN_LOCK_MINUTES. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  /** Window of the failed sign-in count, and how long a lock lasts, in minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LOCK_MINUTES = 15;

  /** pino log level. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export type AppConfig = Readonly<EnvironmentVariables> & { readonly PUBLIC_URL: string };
