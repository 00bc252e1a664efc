import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleIfAdded, describeCycle, findCycle, topologicalOrder, type Edge } from '@/lib/domain/graph';

/** Brute force: is there a path from a to b (following edges)? */
function reaches(edges: readonly Edge[], a: string, b: string): boolean {
  const seen = new Set<string>();
  const todo = [a];
  while (todo.length) {
    const n = todo.pop()!;
    for (const e of edges) {
      if (e.from !== n || seen.has(e.to)) continue;
      if (e.to === b) return true;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  return false;
}

const NODES = ['a', 'b', 'c', 'd', 'e', 'f'];
const edgesArb = fc.array(fc.record({ from: fc.constantFrom(...NODES), to: fc.constantFrom(...NODES) }), { maxLength: 14 });

describe('findCycle', () => {
  it('names the loop', () => {
    const cycle = findCycle(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    );
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(describeCycle(cycle!, (id) => id.toUpperCase())).toBe('A → B → C → A');
  });

  it('finds a self-dependency', () => {
    expect(findCycle(['a'], [{ from: 'a', to: 'a' }])).toEqual(['a', 'a']);
  });

  it('accepts a diamond', () => {
    expect(
      findCycle(
        ['a', 'b', 'c', 'd'],
        [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
          { from: 'b', to: 'd' },
          { from: 'c', to: 'd' },
        ],
      ),
    ).toBeNull();
  });

  it('handles a 20,000-node chain without overflowing the stack', () => {
    const n = 20_000;
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ from: `t${i}`, to: `t${i + 1}` }));
    expect(findCycle([], edges)).toBeNull();
    expect(findCycle([], [...edges, { from: `t${n - 1}`, to: 't0' }])).toHaveLength(n + 1);
  });

  it('agrees with a brute-force reference on random small graphs', () => {
    fc.assert(
      fc.property(edgesArb, (edges) => {
        const expected = NODES.some((n) => reaches(edges, n, n));
        const cycle = findCycle(NODES, edges);
        expect(cycle !== null).toBe(expected);
        if (cycle) {
          // a real cycle: closed, and every step is an edge
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i++) {
            expect(edges.some((e) => e.from === cycle[i] && e.to === cycle[i + 1])).toBe(true);
          }
        }
      }),
    );
  });

  it('cycleIfAdded refuses exactly the edges that would close a loop', () => {
    fc.assert(
      fc.property(edgesArb, fc.constantFrom(...NODES), fc.constantFrom(...NODES), (edges, from, to) => {
        fc.pre(findCycle(NODES, edges) === null);
        const cycle = cycleIfAdded(NODES, edges, { from, to });
        expect(cycle !== null).toBe(from === to || reaches(edges, to, from));
      }),
    );
  });
});

describe('topologicalOrder', () => {
  it('puts every node after what it depends on, for any acyclic graph', () => {
    fc.assert(
      fc.property(edgesArb, (edges) => {
        // keep only edges from a later letter to an earlier one: acyclic by construction
        const dag = edges.filter((e) => e.from > e.to);
        const order = topologicalOrder(NODES, dag);
        expect([...order].sort()).toEqual([...NODES].sort());
        for (const e of dag) expect(order.indexOf(e.to)).toBeLessThan(order.indexOf(e.from));
      }),
    );
  });

  it('throws on a cycle', () => {
    expect(() =>
      topologicalOrder(
        ['a', 'b'],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
    ).toThrow(/cycle/);
  });
});
