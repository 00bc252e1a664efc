// Directed graphs over string ids: cycle detection (named, so a refusal can say
// which nodes form the loop) and a topological order. Used for component
// dependencies and plan task dependencies.

export interface Edge {
  /** the dependent node */
  from: string;
  /** the node it depends on */
  to: string;
}

/**
 * A cycle in the graph, as the list of nodes along it with the first repeated at
 * the end (["a", "b", "c", "a"] means a → b → c → a), or null when there is none.
 * Iterative depth-first search, so deep graphs do not overflow the stack.
 */
export function findCycle(nodes: Iterable<string>, edges: readonly Edge[]): string[] | null {
  const out = new Map<string, string[]>();
  const all = new Set<string>(nodes);
  for (const e of edges) {
    all.add(e.from);
    all.add(e.to);
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  for (const list of out.values()) list.sort();
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Map<string, number>();
  for (const start of [...all].sort()) {
    if ((colour.get(start) ?? WHITE) !== WHITE) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    const path: string[] = [start];
    colour.set(start, GREY);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succ = out.get(top.node) ?? [];
      if (top.next < succ.length) {
        const n = succ[top.next++]!;
        const c = colour.get(n) ?? WHITE;
        if (c === GREY) return [...path.slice(path.indexOf(n)), n];
        if (c === WHITE) {
          colour.set(n, GREY);
          stack.push({ node: n, next: 0 });
          path.push(n);
        }
      } else {
        colour.set(top.node, BLACK);
        stack.pop();
        path.pop();
      }
    }
  }
  return null;
}

/** The cycle that adding `edge` would close, or null: for refusing a new dependency. */
export function cycleIfAdded(nodes: Iterable<string>, edges: readonly Edge[], edge: Edge): string[] | null {
  return findCycle(nodes, [...edges, edge]);
}

/**
 * Nodes ordered so that every node comes after the nodes it depends on (Kahn's
 * algorithm, ties broken by id for a stable result). Throws on a cycle.
 */
export function topologicalOrder(nodes: Iterable<string>, edges: readonly Edge[]): string[] {
  const all = new Set<string>(nodes);
  for (const e of edges) {
    all.add(e.from);
    all.add(e.to);
  }
  const pending = new Map<string, number>([...all].map((n) => [n, 0]));
  const dependents = new Map<string, string[]>();
  for (const e of edges) {
    pending.set(e.from, (pending.get(e.from) ?? 0) + 1);
    const list = dependents.get(e.to);
    if (list) list.push(e.from);
    else dependents.set(e.to, [e.from]);
  }
  const ready = [...all].filter((n) => pending.get(n) === 0).sort();
  const order: string[] = [];
  while (ready.length) {
    const n = ready.shift()!;
    order.push(n);
    for (const d of dependents.get(n) ?? []) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) {
        // keep `ready` sorted so the order is deterministic
        let i = 0;
        while (i < ready.length && ready[i]! < d) i++;
        ready.splice(i, 0, d);
      }
    }
  }
  if (order.length !== all.size) throw new Error('graph has a cycle');
  return order;
}

/** "a → b → c → a", for refusals. `label` maps ids to names people know. */
export function describeCycle(cycle: readonly string[], label: (id: string) => string = (id) => id): string {
  return cycle.map(label).join(' → ');
}
