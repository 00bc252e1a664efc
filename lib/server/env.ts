import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';
import { issuerProblem } from '@/lib/domain/sso';

// The one place that reads process.env. Everything else asks this module.

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // unset: embedded PGlite under RELM_DATA_DIR; "memory://": in-memory PGlite (tests);
    // postgres:// or postgresql://: a PostgreSQL server
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .refine((v) => v === undefined || /^(postgres(ql)?|memory):\/\//.test(v), {
        message: 'DATABASE_URL must start with postgresql:// (or memory:// for tests)',
      }),
    // PostgreSQL: the role that owns the schema, for migrations (npm run db:migrate, npm start);
    // DATABASE_URL is then a runtime role that only reads and writes rows (README: least privilege)
    RELM_MIGRATION_DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), { message: 'RELM_MIGRATION_DATABASE_URL must start with postgresql://' }),
    RELM_DATA_DIR: z.string().trim().min(1).default('./data'),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
    // The key that seals audit events (HMAC-SHA256); unset: generated into RELM_DATA_DIR/audit-key
    RELM_AUDIT_KEY: z.string().trim().min(32, 'RELM_AUDIT_KEY must be at least 32 characters').optional(),
    // The Ed25519 private key (PEM) that signs audit checkpoints; unset: generated into
    // RELM_DATA_DIR/audit-signing-key.pem (public key beside it, audit-signing-key.pub.pem)
    RELM_AUDIT_SIGNING_KEY: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/\\n/g, '\n') : undefined))
      .refine((v) => v === undefined || v.includes('-----BEGIN PRIVATE KEY-----'), {
        message: 'RELM_AUDIT_SIGNING_KEY must be an Ed25519 private key in PEM form (-----BEGIN PRIVATE KEY-----)',
      }),
    // Where audit checkpoints are appended (one signed JSON line each); default RELM_DATA_DIR/audit-checkpoints.jsonl
    RELM_AUDIT_CHECKPOINTS: z.string().trim().min(1).optional(),
    // Also POST each new audit checkpoint (the signed JSON line) here: a receiver outside Relm's reach
    RELM_AUDIT_CHECKPOINT_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v), { message: 'RELM_AUDIT_CHECKPOINT_URL must be an http(s) URL' }),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().optional(),
    // Honour X-Forwarded-For for the client address (only behind a trusted proxy).
    RELM_TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    // Seed the demo organisation (people with the demo password) into an empty database at
    // start; false for a real installation, whose first admin comes from `relm user create`
    RELM_DEMO_DATA: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    // The least severe log lines written (lib/server/log.ts); silent writes none
    RELM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    // json (one JSON object a line) or pretty (pino-pretty, a development dependency);
    // unset: pretty under `npm run dev` on a terminal, json otherwise
    RELM_LOG_FORMAT: z.enum(['json', 'pretty', '']).optional(),
    // Tests only: lets the test suite set or advance this process's clock
    // (lib/server/clock.ts). Never set it on a real server.
    RELM_TEST_CLOCK: z
      .enum(['1', '0', 'true', 'false', ''])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    // Benchmarks only (npm run bench -- --http): /api/internal/diagnostics tells the
    // process-wide SQL statement count. Off (404) unless set.
    RELM_DIAGNOSTICS: z
      .enum(['1', '0', 'true', 'false', ''])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    // Where people reach this Relm (links in e-mail, chat and webhooks), e.g. https://relm.example.com
    RELM_PUBLIC_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
      .refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v), { message: 'RELM_PUBLIC_URL must be an http(s) URL' }),
    // GET /metrics answers only with "Authorization: Bearer <this>"; unset: /metrics is off (404)
    RELM_METRICS_TOKEN: z.string().trim().min(16, 'RELM_METRICS_TOKEN must be at least 16 characters').optional(),
    // PostgreSQL connections per Relm process (replica); the server's max_connections must cover
    // every replica's pool plus the job engine's and the migrations' connections
    RELM_DB_POOL_MAX: z.coerce
      .number({ error: 'RELM_DB_POOL_MAX must be a whole number from 1 to 200' })
      .int('RELM_DB_POOL_MAX must be a whole number from 1 to 200')
      .min(1, 'RELM_DB_POOL_MAX must be a whole number from 1 to 200')
      .max(200, 'RELM_DB_POOL_MAX must be a whole number from 1 to 200')
      .default(10),
    // Outgoing e-mail: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Unset: e-mail is off.
    RELM_SMTP_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: 'RELM_SMTP_URL must start with smtp:// or smtps://' }),
    RELM_MAIL_FROM: z.string().trim().min(3).default('Relm <relm@localhost>'),
    // Background jobs in this process: on (a server started by `npm start` or `npm run dev`
    // runs them) or off (a replica that only serves pages; another process runs the jobs)
    RELM_JOBS: z.enum(['on', 'off']).default('on'),
    // Set by scripts/start.ts and `npm run dev` for the server process: only it starts the jobs
    // (tests and scripts open the database without them)
    RELM_SERVER_PROCESS: z
      .enum(['1', '0', ''])
      .default('0')
      .transform((v) => v === '1'),
    // Outgoing HTTP may reach loopback, private and link-local addresses (an on-premises
    // receiver); the cloud metadata address stays refused
    RELM_WEBHOOKS_ALLOW_PRIVATE: z
      .enum(['true', 'false', ''])
      .default('false')
      .transform((v) => v === 'true'),
    // Outgoing HTTP (webhooks, Slack, Teams) refuses private, loopback and link-local addresses;
    // these hosts or CIDR ranges are allowed anyway (an on-premises receiver; tests), comma-separated
    RELM_OUTBOUND_ALLOW: z
      .string()
      .trim()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    // Single sign-on through an OpenID Connect identity provider (docs/decisions/037-oidc-single-sign-on.md):
    // all three of issuer, client id and client secret, or none (off)
    RELM_OIDC_ISSUER: optionalText,
    RELM_OIDC_CLIENT_ID: optionalText,
    RELM_OIDC_CLIENT_SECRET: optionalText,
    // the button says "Sign in with <name>"
    RELM_OIDC_NAME: z
      .string()
      .trim()
      .max(60, 'RELM_OIDC_NAME is at most 60 characters')
      .default('')
      .transform((v) => v || 'single sign-on'),
    // the scopes Relm asks for (some providers, e.g. Okta, send groups only for a "groups" scope)
    RELM_OIDC_SCOPES: z
      .string()
      .trim()
      .default('')
      .transform((v) => v || 'openid email profile')
      .refine((v) => /^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(v) && v.split(' ').includes('openid'), {
        message: 'RELM_OIDC_SCOPES must be scopes separated by spaces, including openid',
      }),
    // the ID token claim listing the person's groups (Keycloak, Okta: groups; Entra ID: groups or roles)
    RELM_OIDC_GROUPS_CLAIM: z
      .string()
      .trim()
      .default('')
      .transform((v) => v || 'groups')
      .refine((v) => /^[\w.:/-]{1,100}$/.test(v), { message: 'RELM_OIDC_GROUPS_CLAIM must be a claim name, like groups' }),
  })
  .superRefine((e, ctx) => {
    const set = [e.RELM_OIDC_ISSUER, e.RELM_OIDC_CLIENT_ID, e.RELM_OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (set !== 0 && set !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['RELM_OIDC_ISSUER'],
        message: 'single sign-on needs all three of RELM_OIDC_ISSUER, RELM_OIDC_CLIENT_ID and RELM_OIDC_CLIENT_SECRET (or none of them, to leave it off)',
      });
    }
    if (e.RELM_OIDC_ISSUER) {
      const problem = issuerProblem(e.RELM_OIDC_ISSUER);
      if (problem) ctx.addIssue({ code: 'custom', path: ['RELM_OIDC_ISSUER'], message: problem });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Every setting Relm reads. */
export const SETTINGS = Object.keys(EnvSchema.shape) as (keyof Env)[];

/**
 * RELM_ names that are not settings of the server but that the README's own examples use
 * (a pipeline's address, token and webhook secret) or the tooling reads: never refused.
 */
const NOT_SETTINGS = new Set(['RELM_URL', 'RELM_TOKEN', 'RELM_WEBHOOK_SECRET', 'RELM_REBUILD', 'RELM_PRISMA6_SCHEMA']);

/** Settings whose values are secrets: `relm config` says whether they are set, never what they are. */
const SECRET_SETTINGS = new Set<string>(['AUTH_SECRET', 'RELM_AUDIT_KEY', 'RELM_AUDIT_SIGNING_KEY', 'RELM_OIDC_CLIENT_SECRET', 'RELM_METRICS_TOKEN']);
/** Secrets generated into the data folder when not set (lib/server/env.ts dataFileSecret). */
const GENERATED = new Set<string>(['AUTH_SECRET', 'RELM_AUDIT_KEY', 'RELM_AUDIT_SIGNING_KEY']);
/** Settings that are URLs which may carry a password: shown with the password hidden. */
const URL_SETTINGS = new Set<string>(['DATABASE_URL', 'RELM_MIGRATION_DATABASE_URL', 'RELM_SMTP_URL', 'RELM_AUDIT_CHECKPOINT_URL']);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/**
 * What is wrong with a configuration, one line per setting: a malformed value (what it must
 * be), or a RELM_ name Relm does not know (a typo would otherwise be ignored silently), with
 * the nearest setting's name. Empty when it is good.
 */
export function configurationProblems(source: Record<string, string | undefined> = process.env): string[] {
  const problems = new Map<string, string>();
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const name = i.path.join('.') || 'configuration';
      if (!problems.has(name)) problems.set(name, `${name}: ${i.message}`);
    }
  }
  for (const name of Object.keys(source).sort()) {
    if (!name.startsWith('RELM_') || NOT_SETTINGS.has(name) || (SETTINGS as string[]).includes(name)) continue;
    const nearest = SETTINGS.map((s) => ({ s, d: distance(name, s) })).sort((x, y) => x.d - y.d)[0];
    const hint = nearest && nearest.d <= 3 ? ` Did you mean ${nearest.s}?` : '';
    problems.set(name, `${name}: not a setting Relm knows.${hint} Remove it, or see "Configuration" in README.md.`);
  }
  return [...problems.values()];
}

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const problems = configurationProblems(process.env);
    if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    cached = EnvSchema.parse(process.env);
  }
  return cached;
}

function hidePassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(set, unreadable)';
  }
}

/** The configuration in effect, secrets hidden: each setting, its value, and whether it was set or is the default. */
export function effectiveConfiguration(source: Record<string, string | undefined> = process.env): { name: string; value: string; from: 'set' | 'default' }[] {
  const e = EnvSchema.parse(source);
  return SETTINGS.map((name) => {
    const raw = source[name];
    const from: 'set' | 'default' = raw !== undefined && raw.trim() !== '' ? 'set' : 'default';
    const v = e[name] as unknown;
    let value: string;
    if (SECRET_SETTINGS.has(name)) value = from === 'set' ? '(set, hidden)' : GENERATED.has(name) ? '(not set: kept in the data folder)' : '(not set)';
    else if (v === undefined || v === '') value = '(not set)';
    else if (URL_SETTINGS.has(name)) value = hidePassword(String(v));
    else value = Array.isArray(v) ? v.join(',') || '(none)' : String(v);
    return { name, value, from };
  });
}

/** Tests that change process.env read it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Whether this process runs the background jobs: a server process, unless RELM_JOBS=off. */
export function runsJobs(): boolean {
  return env().RELM_SERVER_PROCESS && env().RELM_JOBS === 'on';
}

/** Whether /api/internal/diagnostics answers (RELM_DIAGNOSTICS=1, set by the HTTP benchmark). */
export function diagnosticsEnabled(): boolean {
  return env().RELM_DIAGNOSTICS;
}

export function dataDir(): string {
  return path.resolve(env().RELM_DATA_DIR);
}

export type DatabaseTarget = { kind: 'embedded'; dir: string } | { kind: 'memory' } | { kind: 'postgres'; url: string };

export function databaseTarget(): DatabaseTarget {
  const url = env().DATABASE_URL;
  if (!url) return { kind: 'embedded', dir: path.join(dataDir(), 'pglite') };
  if (url.startsWith('memory://')) return { kind: 'memory' };
  return { kind: 'postgres', url };
}

/** Where migrations run: RELM_MIGRATION_DATABASE_URL (the schema's owner) when set on PostgreSQL, else the database itself. */
export function migrationTarget(): DatabaseTarget {
  const target = databaseTarget();
  const url = env().RELM_MIGRATION_DATABASE_URL;
  return target.kind === 'postgres' && url ? { kind: 'postgres', url } : target;
}

let secret: string | undefined;

/** A secret kept in the data folder: read it, or write `generate()` there (0600) if it is not there yet. */
function dataFileSecret(name: string, generate: () => string, valid: (stored: string) => boolean, what: string): string {
  const file = path.join(dataDir(), name);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (valid(stored)) return stored;
  } catch {
    // not there yet
  }
  const generated = generate();
  fs.mkdirSync(dataDir(), { recursive: true });
  try {
    fs.writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    console.info(`[relm] No ${what} configured: generated one and kept it in ${file}`);
    return generated;
  } catch {
    // another process wrote it first: use theirs
    const theirs = fs.readFileSync(file, 'utf8').trim();
    if (!valid(theirs)) throw new Error(`${file} does not hold a valid ${what}: restore it from a backup (or set ${what})`);
    return theirs;
  }
}

let auditSecret: string | undefined;

/**
 * The key that seals audit events: RELM_AUDIT_KEY, else the one kept in the data folder
 * (audit-key), else a new random one written there. It must live outside the database:
 * whoever holds it can forge audit events (docs/decisions/038).
 */
export function auditKeySecret(): string {
  if (auditSecret) return auditSecret;
  const fromEnv = env().RELM_AUDIT_KEY;
  if (fromEnv) return (auditSecret = fromEnv);
  return (auditSecret = dataFileSecret(
    'audit-key',
    () => crypto.randomBytes(32).toString('base64url'),
    (s) => s.length >= 32,
    'RELM_AUDIT_KEY',
  ));
}

let signingKey: crypto.KeyObject | undefined;

/**
 * The Ed25519 key that signs audit checkpoints: RELM_AUDIT_SIGNING_KEY, else the data
 * folder's audit-signing-key.pem, else a new one written there, its public half beside it
 * (audit-signing-key.pub.pem) for whoever checks the checkpoints elsewhere.
 */
export function auditSigningKey(): crypto.KeyObject {
  if (signingKey) return signingKey;
  const pem =
    env().RELM_AUDIT_SIGNING_KEY ??
    dataFileSecret(
      'audit-signing-key.pem',
      () => crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
      (s) => s.includes('-----BEGIN PRIVATE KEY-----'),
      'RELM_AUDIT_SIGNING_KEY',
    );
  const key = crypto.createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('RELM_AUDIT_SIGNING_KEY must be an Ed25519 key');
  if (!env().RELM_AUDIT_SIGNING_KEY) {
    const pub = path.join(dataDir(), 'audit-signing-key.pub.pem');
    if (!fs.existsSync(pub)) fs.writeFileSync(pub, crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(), { mode: 0o644 });
  }
  return (signingKey = key);
}

/** The checkpoint file of the database in RELM_DATA_DIR (RELM_AUDIT_CHECKPOINTS overrides). */
export function auditCheckpointsFile(): string {
  return path.resolve(env().RELM_AUDIT_CHECKPOINTS ?? path.join(dataDir(), 'audit-checkpoints.jsonl'));
}

/** Tests that change RELM_AUDIT_KEY or the signing key read them again. */
export function resetAuditKeysForTests(): void {
  auditSecret = undefined;
  signingKey = undefined;
}

/**
 * AUTH_SECRET from the environment, else the one kept in the data folder, else a
 * new random one written there (0600) so sessions survive restarts.
 */
export function authSecret(): string {
  if (secret) return secret;
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) return (secret = fromEnv);
  const file = path.join(dataDir(), 'auth-secret');
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return (secret = stored);
  } catch {
    // not there yet
  }
  const generated = crypto.randomBytes(48).toString('base64url');
  fs.mkdirSync(dataDir(), { recursive: true });
  try {
    fs.writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    console.info(`[relm] No AUTH_SECRET configured: generated one and kept it in ${file}`);
    return (secret = generated);
  } catch {
    // another process wrote it first: use theirs
    return (secret = fs.readFileSync(file, 'utf8').trim());
  }
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** "Sign in with <name>" */
  name: string;
  groupsClaim: string;
  scopes: string;
}

/** Single sign-on's settings, or null when it is off (RELM_OIDC_* unset). */
export function oidcConfig(): OidcConfig | null {
  const e = env();
  if (!e.RELM_OIDC_ISSUER || !e.RELM_OIDC_CLIENT_ID || !e.RELM_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.RELM_OIDC_ISSUER,
    clientId: e.RELM_OIDC_CLIENT_ID,
    clientSecret: e.RELM_OIDC_CLIENT_SECRET,
    name: e.RELM_OIDC_NAME,
    groupsClaim: e.RELM_OIDC_GROUPS_CLAIM,
    scopes: e.RELM_OIDC_SCOPES,
  };
}
