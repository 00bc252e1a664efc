import { resetEmailTransport } from '@/lib/server/channels/email';
import { resetEnvForTests } from '@/lib/server/env';

/**
 * Sets environment variables for lib/server (undefined: unset) and makes it read them again.
 * Test files share a worker: call `restore()` in afterAll to leave the environment as found.
 */
export function testEnv<K extends string>(names: readonly K[]) {
  const saved = Object.fromEntries(names.map((k) => [k, process.env[k]])) as Record<K, string | undefined>;
  const set = (vars: Partial<Record<K, string | undefined>>) => {
    for (const [k, v] of Object.entries(vars) as [K, string | undefined][]) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    resetEmailTransport();
  };
  return { set, restore: () => set(saved) };
}
