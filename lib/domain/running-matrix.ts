// "What runs where": every component × every environment of the promotion path,
// and where a component's build differs from the one the previous environment
// runs (drift). Pure: the caller passes the environments and what they run.

export interface MatrixEnvironment {
  name: string;
  displayName: string;
  position: number;
}

export interface RunningEntry {
  environment: string;
  environmentPosition: number;
  component: string;
  version: string;
  buildId: string;
  since: string;
  releaseKey: string | null;
}

/**
 * How a cell differs from the same component in the previous environment of the
 * path: it runs another build there, or nothing at all. Only cells that run
 * something are compared; the first environment never drifts.
 */
export type Drift = { kind: 'version'; previous: MatrixEnvironment; previousVersion: string } | { kind: 'absent'; previous: MatrixEnvironment };

export interface MatrixCell {
  environment: MatrixEnvironment;
  running: RunningEntry | null;
  drift: Drift | null;
}

export interface MatrixRow {
  component: string;
  /** one cell per column, in column order */
  cells: MatrixCell[];
}

export interface RunningMatrix {
  /** environments in promotion order (position, then name) */
  columns: MatrixEnvironment[];
  /** components in alphabetical order */
  rows: MatrixRow[];
  driftCount: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPath = (a: MatrixEnvironment, b: MatrixEnvironment) => a.position - b.position || cmp(a.name, b.name);

export function buildRunningMatrix(environments: readonly MatrixEnvironment[], running: readonly RunningEntry[]): RunningMatrix {
  const columns = new Map<string, MatrixEnvironment>();
  for (const e of environments) columns.set(e.name, { name: e.name, displayName: e.displayName, position: e.position });
  // an environment created between the two reads still gets a column
  for (const r of running) {
    if (!columns.has(r.environment)) columns.set(r.environment, { name: r.environment, displayName: r.environment, position: r.environmentPosition });
  }
  const ordered = [...columns.values()].sort(byPath);

  const byComponent = new Map<string, Map<string, RunningEntry>>();
  for (const r of running) {
    let envs = byComponent.get(r.component);
    if (!envs) byComponent.set(r.component, (envs = new Map()));
    envs.set(r.environment, r);
  }

  let driftCount = 0;
  const rows = [...byComponent.keys()].sort(cmp).map((component) => {
    const envs = byComponent.get(component)!;
    const cells = ordered.map((environment, i): MatrixCell => {
      const here = envs.get(environment.name) ?? null;
      const previous = i > 0 ? ordered[i - 1]! : null;
      let drift: Drift | null = null;
      if (here && previous) {
        const before = envs.get(previous.name);
        if (!before) drift = { kind: 'absent', previous };
        else if (before.buildId !== here.buildId) drift = { kind: 'version', previous, previousVersion: before.version };
      }
      if (drift) driftCount++;
      return { environment, running: here, drift };
    });
    return { component, cells };
  });

  return { columns: ordered, rows, driftCount };
}
