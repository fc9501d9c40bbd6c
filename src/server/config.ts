import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Settings of the update process that a site admin may later override per site. */
const processSettingsSchema = z
  .object({
    backup_max_age_hours: z.number().int().positive().default(24),
    rollout_soak_hours: z.number().int().positive().default(24),
  })
  .strict();

/** The optional JSON config file (PATCHWERK_CONFIG); every key may also come from the environment. */
const fileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    data_dir: z.string().min(1).optional(),
    database_url: z.string().min(1).optional(),
    public_url: z.url().optional(),
    tls_cert: z.string().min(1).optional(),
    tls_key: z.string().min(1).optional(),
    trust_proxy: z.union([z.boolean(), z.string(), z.number().int()]).optional(),
    smtp_url: z.string().min(1).optional(),
    smtp_from: z.string().min(3).optional(),
    egress_allow_http: z.array(z.string().min(1)).optional(),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    session_hours: z.number().positive().optional(),
    process: processSettingsSchema.optional(),
  })
  .strict();

export type ProcessSettings = z.infer<typeof processSettingsSchema>;

/** The validated configuration every part of Patchwerk reads; built once by `loadConfig`. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file, artifact store, audit anchor). */
  dataDir: string;
  /** PostgreSQL connection string, or null for the embedded SQLite database. */
  databaseUrl: string | null;
  /** Base URL used in links that leave the server (setup URL, e-mails, iCal). */
  publicUrl: string;
  tls: { certPath: string; keyPath: string } | null;
  /** Fastify's trustProxy value: false, true, a hop count or a comma-separated address list. */
  trustProxy: boolean | number | string;
  smtpUrl: string | null;
  smtpFrom: string;
  egressAllowHttp: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionHours: number;
  process: ProcessSettings;
}

export class ConfigError extends Error {}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  PATCHWERK_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  PATCHWERK_PUBLIC_URL: z.url().optional(),
  PATCHWERK_CONFIG: z.string().min(1).optional(),
  PATCHWERK_TLS_CERT: z.string().min(1).optional(),
  PATCHWERK_TLS_KEY: z.string().min(1).optional(),
  PATCHWERK_TRUST_PROXY: z.string().min(1).optional(),
  PATCHWERK_SMTP_URL: z.string().min(1).optional(),
  PATCHWERK_SMTP_FROM: z.string().min(3).optional(),
  PATCHWERK_EGRESS_ALLOW_HTTP: z.string().optional(),
  PATCHWERK_LOG_LEVEL: fileSchema.shape.log_level,
});

/** Parses PATCHWERK_TRUST_PROXY: `true`/`false`, a hop count, or addresses/CIDRs. */
export function parseTrustProxy(value: string | boolean | number | undefined): boolean | number | string {
  if (value === undefined) return false;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim().toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(trimmed)) return false;
  if (['true', 'yes', 'on'].includes(trimmed)) return true;
  if (/^[1-9][0-9]*$/.test(trimmed)) return Number(trimmed);
  return value.trim();
}

function readConfigFile(filePath: string): z.infer<typeof fileSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${filePath}: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid config file ${filePath}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads the environment (and the optional config file it names) into one validated Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) throw new ConfigError(`Invalid environment:\n${z.prettifyError(parsedEnv.error)}`);
  const e = parsedEnv.data;
  const file = e.PATCHWERK_CONFIG ? readConfigFile(path.resolve(cwd, e.PATCHWERK_CONFIG)) : {};

  const port = e.PORT ?? file.port ?? 8080;
  const certPath = e.PATCHWERK_TLS_CERT ?? file.tls_cert;
  const keyPath = e.PATCHWERK_TLS_KEY ?? file.tls_key;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new ConfigError('PATCHWERK_TLS_CERT and PATCHWERK_TLS_KEY must be set together.');
  }
  const tls = certPath && keyPath ? { certPath: path.resolve(cwd, certPath), keyPath: path.resolve(cwd, keyPath) } : null;
  const defaultPublicUrl = `${tls ? 'https' : 'http'}://localhost:${port}`;
  const allowHttp = e.PATCHWERK_EGRESS_ALLOW_HTTP
    ? e.PATCHWERK_EGRESS_ALLOW_HTTP.split(',').map((host) => host.trim()).filter(Boolean)
    : (file.egress_allow_http ?? []);

  return {
    port,
    host: e.HOST ?? file.host ?? '0.0.0.0',
    dataDir: path.resolve(cwd, e.PATCHWERK_DATA_DIR ?? file.data_dir ?? './data'),
    databaseUrl: e.DATABASE_URL ?? file.database_url ?? null,
    publicUrl: (e.PATCHWERK_PUBLIC_URL ?? file.public_url ?? defaultPublicUrl).replace(/\/+$/, ''),
    tls,
    trustProxy: parseTrustProxy(e.PATCHWERK_TRUST_PROXY ?? file.trust_proxy),
    smtpUrl: e.PATCHWERK_SMTP_URL ?? file.smtp_url ?? null,
    smtpFrom: e.PATCHWERK_SMTP_FROM ?? file.smtp_from ?? 'Patchwerk <patchwerk@localhost>',
    egressAllowHttp: allowHttp,
    logLevel: e.PATCHWERK_LOG_LEVEL ?? file.log_level ?? 'info',
    sessionHours: file.session_hours ?? 12,
    process: processSettingsSchema.parse(file.process ?? {}),
  };
}
