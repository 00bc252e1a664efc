// Which kind of problem a deployment-time window check reported. deploymentWindowCheck
// (lib/server/scheduling.ts) reports window, maintenance and freeze problems as sentences;
// advice must name a freeze override only when a freeze is among them. Kept apart from
// deployment-gate.ts so lifecycle.ts can read it without an import cycle.

const WINDOW_PATTERNS = [/scheduled window/i, /maintenance window/i, /does not target/i, /no target environment/i];
const OTHER_PATTERNS = [/^package integrity/i];

/** A problem about the window itself (outside it, none set, not a target). */
export function isWindowProblem(problem: string): boolean {
  return WINDOW_PATTERNS.some((p) => p.test(problem));
}

/** A freeze covering the deployment: anything that is neither about the window nor the package. */
export function isFreezeProblem(problem: string): boolean {
  return !isWindowProblem(problem) && !OTHER_PATTERNS.some((p) => p.test(problem));
}
