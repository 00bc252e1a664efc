// npm run db:roles [-- --database relm --owner relm_owner --runtime relm_app]: prints the SQL
// that sets up PostgreSQL with least privilege (lib/server/db-roles.ts; README.md).
import { rolesSql } from '@/lib/server/db-roles';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

try {
  process.stdout.write(rolesSql({ database: flag('database', 'relm'), owner: flag('owner', 'relm_owner'), runtime: flag('runtime', 'relm_app') }));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
}
