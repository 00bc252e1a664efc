// Least-privilege PostgreSQL roles for Relm (docs/decisions/038-audit-key-checkpoints-and-database-roles.md):
// a migration role that owns the database and its schema (runs `npm run db:migrate`), and a
// runtime role the server connects as, which reads and writes rows but owns nothing of
// Relm's: it cannot ALTER a table, disable or drop a trigger, or TRUNCATE. The audit
// trail's triggers then hold against the running server and anyone holding its password.
// `npm run db:roles` prints this SQL; tests/integration/database-roles.test.ts runs it.

export interface RoleNames {
  database: string;
  /** owns the database and schema: migrations run as this role */
  owner: string;
  /** the server's role: rows only */
  runtime: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string, what: string): string {
  if (!IDENT.test(name)) throw new Error(`${what} must be a plain PostgreSQL name (lower-case letters, digits, _), not "${name}"`);
  return name;
}

/** Run once by a superuser (or a role with CREATEROLE and CREATEDB), connected to any database. */
export function serverRolesSql(n: RoleNames): string {
  const [db, owner, runtime] = [ident(n.database, 'database'), ident(n.owner, 'owner role'), ident(n.runtime, 'runtime role')];
  return `-- 1. On the server (as a superuser): the two roles and the database, owned by the migration role.
--    Set their passwords with \\password ${owner} and \\password ${runtime} in psql.
CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE ROLE ${runtime} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
CREATE DATABASE ${db} OWNER ${owner};
`;
}

/** Run by a superuser connected to the new database, before the first migration. */
export function databaseGrantsSql(n: RoleNames): string {
  const [db, owner, runtime] = [ident(n.database, 'database'), ident(n.owner, 'owner role'), ident(n.runtime, 'runtime role')];
  return `-- 2. Connected to the database ${db} (as a superuser): what the runtime role may do.
REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
-- CREATE on the database: the job engine (pg-boss) creates and owns a schema of its own, pgboss
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${db} TO ${runtime};
ALTER SCHEMA public OWNER TO ${owner};
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${runtime};
-- every table and sequence the migrations create: rows only (no TRUNCATE, REFERENCES or TRIGGER)
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime};
-- (UPDATE on sequences: setval, which the demo seed uses to start release numbers at 1)
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${runtime};
-- and the ones that exist already (a database that was migrated before the roles were split)
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${runtime};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${runtime};
`;
}

export function rolesSql(n: RoleNames): string {
  return `${serverRolesSql(n)}\n\\connect ${ident(n.database, 'database')}\n\n${databaseGrantsSql(n)}`;
}
