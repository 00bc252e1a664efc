import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationProblems } from '@/lib/server/env';
import pkg from '@/package.json';

// The container files (issue 17 point 6, decision 065) cannot be run on these machines: this
// keeps them honest against the code they describe. How they were checked beyond this:
// README "Running in containers".

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
// js-yaml comes with ESLint; it reads YAML 1.1 merge keys (<<) as Compose does
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: unknown;
  ports?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
};
const compose = yaml.load(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { db, migrate, relm, proxy } = compose.services as Record<'db' | 'migrate' | 'relm' | 'proxy', Service>;

/** The names compose.yaml requires from .env: ${NAME:?message} */
const required = [...read('compose.yaml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!);

/** A service's environment as a container sees it, each ${NAME…} replaced by a value of the kind .env holds */
function resolved(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(/\$\{(\w+)(:[-?][^}]*)?\}/g, (_, name: string, rest?: string) =>
        rest?.startsWith(':-') ? rest.slice(2) : `${name.toLowerCase()}-0123456789abcdef0123456789abcdef`,
      ),
    ]),
  );
}

describe('compose.yaml', () => {
  it('runs PostgreSQL, a one-shot migration, two or more Relm replicas and a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['db', 'migrate', 'proxy', 'relm']);
    expect(relm.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(relm.image).toBe(migrate.image);
    expect(db.image).toMatch(/^postgres:/);
    expect(proxy.image).toMatch(/^nginx:/);
  });

  it('gives every replica and the migration the same secrets, by reference to .env, never a value', () => {
    for (const name of ['AUTH_SECRET', 'RELM_AUDIT_KEY']) {
      expect(relm.environment?.[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
      expect(migrate.environment?.[name]).toBe(relm.environment?.[name]);
    }
    // every password is interpolated
    for (const service of [db, migrate, relm]) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|KEY|_URL$/.test(name)) expect(value, name).toMatch(/\$\{\w+:\?/);
      }
    }
    // what .env must hold is what deploy/env.example lists
    const example = read('deploy/env.example');
    for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it('is a configuration Relm accepts, with the replicas on the runtime role only', () => {
    expect(configurationProblems(resolved(relm.environment ?? {}))).toEqual([]);
    const { DB_ADMIN_URL: admin, ...migrateEnv } = resolved(migrate.environment ?? {});
    expect(admin).toMatch(/^postgresql:\/\/postgres:/);
    expect(configurationProblems(migrateEnv)).toEqual([]);
    expect(relm.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/relm_app:/);
    expect(migrate.environment?.RELM_MIGRATION_DATABASE_URL).toMatch(/^postgresql:\/\/relm_owner:/);
    expect(relm.environment).not.toHaveProperty('RELM_MIGRATION_DATABASE_URL');
    expect(relm.environment).not.toHaveProperty('DB_ADMIN_URL');
    // behind the proxy, which sets X-Forwarded-For (below)
    expect(relm.environment?.RELM_TRUST_PROXY).toBe('true');
  });

  it('starts in order: database healthy, migration done, replicas ready, then the proxy', () => {
    expect(migrate.depends_on?.db?.condition).toBe('service_healthy');
    expect(relm.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(proxy.depends_on?.relm?.condition).toBe('service_healthy');
    expect(db.healthcheck?.test).toContain('pg_isready');
    expect(relm.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:3000/api/ready');
    expect(proxy.healthcheck?.test?.join(' ')).toContain('/api/health');
    expect(migrate.command?.join(' ')).toContain('deploy/db-init.ts');
    expect(fs.existsSync(path.join(root, 'deploy', 'db-init.ts'))).toBe(true);
  });

  it('publishes only the proxy and keeps PostgreSQL and the data folder on volumes', () => {
    expect(proxy.ports).toHaveLength(1);
    for (const service of [db, migrate, relm]) expect(service.ports).toBeUndefined();
    expect(db.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(relm.volumes).toContain('relm-data:/app/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'relm-data']);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  const final = stages.at(-1) ?? [];
  const instruction = (name: string) => final.filter((l) => l.startsWith(`${name} `));

  it('builds in stages and runs the final one as an unprivileged user with a health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const user = instruction('USER').at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(instruction('HEALTHCHECK').join(' ')).toMatch(/\/api\/health/);
    // Debian (glibc) for argon2's prebuilt binary; a slim base
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM node:\$\{NODE_VERSION\}-\$\{DEBIAN_RELEASE\}-slim AS /);
  });

  it('ships production dependencies only and runs what npm start runs', () => {
    const prodDeps = stages.find((s) => /AS prod-deps$/.test(s[0]!)) ?? [];
    expect(prodDeps.join('\n')).toMatch(/npm ci --omit=dev .*&& node deploy\/prune-dev-peers\.mjs/);
    expect(final).toContain('COPY --from=prod-deps /app/node_modules ./node_modules');
    const cmd = JSON.parse(instruction('CMD').at(-1)!.slice(4)) as string[];
    expect(cmd.join(' ').replace('node_modules/.bin/', '')).toBe(pkg.scripts.start);
  });

  it('leaves local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', '.next', 'data', '.env', '.env.*', 'lib/generated']) expect(ignored).toContain(entry);
  });
});

describe('deploy/nginx.conf', () => {
  const conf = read('deploy/nginx.conf');

  it('sends to the compose service and replaces X-Forwarded-For, whose first entry Relm trusts', () => {
    expect(conf).toMatch(/server relm:3000 resolve max_fails=\d+ fail_timeout=\d+s;/);
    expect(conf).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
    expect(conf).toContain('proxy_set_header X-Forwarded-Proto');
    expect(conf).toMatch(/listen 8080;/);
    expect(proxy.ports?.[0]).toMatch(/:8080$/);
  });
});
