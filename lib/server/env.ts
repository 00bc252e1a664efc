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
    RELM_DATA_DIR: z.string().trim().min(1).default('./data'),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().optional(),
    // Honour X-Forwarded-For for the client address (only behind a trusted proxy).
    RELM_TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    RELM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
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

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
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

let secret: string | undefined;

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
