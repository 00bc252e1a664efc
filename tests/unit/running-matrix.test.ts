import { describe, expect, it } from 'vitest';
import { buildRunningMatrix, type MatrixEnvironment, type RunningEntry } from '@/lib/domain/running-matrix';

const dev: MatrixEnvironment = { name: 'dev', displayName: 'Development', position: 1 };
const staging: MatrixEnvironment = { name: 'staging', displayName: 'Staging', position: 20 };
const prod: MatrixEnvironment = { name: 'prod', displayName: 'Production', position: 30 };

const run = (env: MatrixEnvironment, component: string, version: string, releaseKey: string | null = null): RunningEntry => ({
  environment: env.name,
  environmentPosition: env.position,
  component,
  version,
  buildId: `${component}@${version}`,
  since: '2026-11-20T10:00:00.000Z',
  releaseKey,
});

const grid = (m: ReturnType<typeof buildRunningMatrix>) => Object.fromEntries(m.rows.map((r) => [r.component, r.cells.map((c) => c.running?.version ?? '—')]));

describe('buildRunningMatrix', () => {
  it('orders columns by position whatever order the environments come in, and rows alphabetically', () => {
    const m = buildRunningMatrix([prod, dev, staging], [run(prod, 'web', '1.0.0'), run(dev, 'api', '2.0.0'), run(staging, 'ledger', '3.0.0')]);
    expect(m.columns.map((c) => c.name)).toEqual(['dev', 'staging', 'prod']);
    expect(m.rows.map((r) => r.component)).toEqual(['api', 'ledger', 'web']);
    expect(m.rows[0]!.cells.map((c) => c.environment.displayName)).toEqual(['Development', 'Staging', 'Production']);
  });

  it('leaves an empty cell where an environment does not run the component, and keeps environments that run nothing', () => {
    const qa: MatrixEnvironment = { name: 'qa', displayName: 'QA', position: 10 };
    const m = buildRunningMatrix([dev, qa, staging, prod], [run(dev, 'api', '1.1.0'), run(staging, 'api', '1.0.0'), run(dev, 'web', '4.0.0')]);
    expect(m.columns.map((c) => c.name)).toEqual(['dev', 'qa', 'staging', 'prod']);
    expect(grid(m)).toEqual({ api: ['1.1.0', '—', '1.0.0', '—'], web: ['4.0.0', '—', '—', '—'] });
    // an empty cell is never drift; staging's api follows an environment that does not run it
    const api = m.rows[0]!.cells;
    expect(api.map((c) => c.drift?.kind ?? null)).toEqual([null, null, 'absent', null]);
    expect(api[2]!.drift).toEqual({ kind: 'absent', previous: qa });
    expect(m.rows[1]!.cells.every((c) => c.drift === null)).toBe(true);
  });

  it('flags a build that differs from the one the previous environment runs, behind or ahead', () => {
    const m = buildRunningMatrix(
      [dev, staging, prod],
      [
        run(dev, 'api', '1.2.0'),
        run(staging, 'api', '1.2.0', 'REL-7'),
        run(prod, 'api', '1.1.0', 'REL-5'), // behind staging
        run(dev, 'web', '3.0.0'),
        run(staging, 'web', '3.1.0'), // ahead of dev (hot-fixed in staging)
        run(prod, 'web', '3.1.0'),
      ],
    );
    const [api, web] = m.rows;
    expect(api!.cells.map((c) => c.drift)).toEqual([null, null, { kind: 'version', previous: staging, previousVersion: '1.2.0' }]);
    expect(web!.cells.map((c) => c.drift)).toEqual([null, { kind: 'version', previous: dev, previousVersion: '3.0.0' }, null]);
    expect(api!.cells[2]!.running?.releaseKey).toBe('REL-5');
    expect(m.driftCount).toBe(2);
  });

  it('compares with the adjacent environment only, not the first', () => {
    const m = buildRunningMatrix([dev, staging, prod], [run(dev, 'api', '2.0.0'), run(staging, 'api', '1.0.0'), run(prod, 'api', '1.0.0')]);
    expect(m.rows[0]!.cells.map((c) => c.drift?.kind ?? null)).toEqual([null, 'version', null]);
  });

  it('gives an environment missing from the list (created between the two reads) a column by its position', () => {
    const late: MatrixEnvironment = { name: 'perf', displayName: 'perf', position: 25 };
    const m = buildRunningMatrix([dev, staging, prod], [run(staging, 'api', '1.0.0'), run(late, 'api', '1.0.0'), run(prod, 'api', '1.0.0')]);
    expect(m.columns).toEqual([dev, staging, late, prod]);
    expect(m.driftCount).toBe(1); // staging after dev, which runs nothing
  });

  it('is empty when nothing runs anywhere', () => {
    const m = buildRunningMatrix([dev, staging], []);
    expect(m.rows).toEqual([]);
    expect(m.columns).toHaveLength(2);
    expect(m.driftCount).toBe(0);
  });
});
