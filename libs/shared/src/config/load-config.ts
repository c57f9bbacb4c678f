import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, DEVELOPMENT_API_TOKEN_SECRET, DEVELOPMENT_SESSION_SECRET, EnvironmentVariables } from './environment-variables';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads, converts and validates the environment. Throws ConfigurationError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const relevant: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    // An empty optional variable means "unset", as in most deployment tools.
    if (value !== undefined && value !== '' && (known.includes(key) || isOptionalKey(key))) relevant[key] = value;
  }
  const config = plainToInstance(EnvironmentVariables, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  const problems = [...errors.flatMap(describe), ...productionProblems(config)];
  if (problems.length > 0) throw new ConfigurationError(problems);
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return Object.freeze({ ...config, PUBLIC_URL: publicUrl });
}

/** Optional variables have no default, so they are absent from a fresh instance's keys. */
function isOptionalKey(key: string): boolean {
  return ['PUBLIC_URL', 'DATABASE_URL', 'SMTP_HOST', 'SMTP_USER', 'SMTP_PASSWORD', 'TRUST_PROXY'].includes(key);
}

/** Secrets anyone can read in this repository must not protect a production platform. */
function productionProblems(config: EnvironmentVariables): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (config.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) problems.push('SESSION_SECRET = (hidden): set a secret of your own in production');
  if (config.API_TOKEN_SECRET === DEVELOPMENT_API_TOKEN_SECRET) problems.push('API_TOKEN_SECRET = (hidden): set a secret of your own in production');
  return problems;
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const shown = /PASSWORD|SECRET/.test(error.property) || error.property === 'DATABASE_URL' ? '(hidden)' : JSON.stringify(error.value);
  return [`${error.property} = ${shown}: ${constraints.join('; ')}`];
}

/** Names of every variable the platform reads (used by the README consistency test). */
export function configurationVariableNames(): string[] {
  return [...new Set([...Object.keys(new EnvironmentVariables()), 'PUBLIC_URL', 'DATABASE_URL', 'SMTP_HOST', 'SMTP_USER', 'SMTP_PASSWORD', 'TRUST_PROXY'])].sort();
}

/** Stops the process with a message naming each bad variable, before anything else starts. */
export function loadConfigOrExit(processName: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`${processName}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
