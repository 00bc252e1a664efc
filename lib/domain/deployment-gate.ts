import { allowsValue } from './release-rules';
import type { GateResult } from './result';

// The deployment gate: may this release's sealed package be deployed to one
// environment now? Pure: lib/server/deployments.ts loads the facts (window and
// freezes from scheduling, package integrity recomputed, the promotion path from
// recorded deployments) and this decides. Allowed exactly when every gate passed.

export interface DeploymentGateFacts {
  releaseStatus: string;
  environment: { name: string; position: number; tier: string };
  /** from deploymentWindowCheck: window, maintenance and freeze problems (freezes with a granted override are already lifted) */
  window: { ok: boolean; problems: string[] };
  integrity: { ok: boolean; problems: string[] };
  /** every target environment earlier in the promotion path, and whether this package digest succeeded there */
  promotion: { earlierEnvironments: { name: string; succeeded: boolean }[] };
  /** a deployment of this release to this environment is already scheduled or in progress */
  alreadyRunning?: boolean;
  /**
   * Test evidence, asked only for production-tier environments: the latest result
   * of every check recorded on the successful deployments of this package to the
   * earlier environments. `required` comes from the policy's testEvidenceRequiredFor.
   */
  testEvidence?: { required: boolean; releaseType: string; earlierEnvironments: string[]; passed: string[]; failed: string[] };
}

export interface DeploymentGateEvaluation {
  allowed: boolean;
  gates: GateResult[];
}

const WINDOW_PATTERNS = [/scheduled window/i, /maintenance window/i, /does not target/i, /no target environment/i];

/** deploymentWindowCheck mixes window and freeze problems: anything that is not about the window is a freeze. */
export function isWindowProblem(problem: string): boolean {
  return WINDOW_PATTERNS.some((p) => p.test(problem));
}

const pass = (rule: string, why: string): GateResult => ({ rule, passed: true, why });
const fail = (rule: string, why: string, fix: string): GateResult => ({ rule, passed: false, why, fix });

function sentence(problems: string[], max = 4): string {
  const shown = problems.slice(0, max).map((p) => p.replace(/\.$/, ''));
  const more = problems.length > max ? `; and ${problems.length - max} more` : '';
  return shown.join('; ') + more + '.';
}

function statusGate(status: string): GateResult {
  if (allowsValue(status, 'deploy')) {
    return pass('deploy.status', status === 'scheduled' ? 'The release is scheduled.' : 'The release is deploying.');
  }
  if (status === 'approved') {
    return fail(
      'deploy.status',
      'The release is approved but not scheduled.',
      'Schedule it first: give every target environment a window and move the release to scheduled.',
    );
  }
  if (['draft', 'submitted', 'rejected'].includes(status)) {
    return fail('deploy.status', `The release is ${status.replace('_', ' ')}: it has not been approved.`, 'Submit it for approval, then schedule it.');
  }
  return fail('deploy.status', `The release is ${status.replace('_', ' ')}: it can no longer be deployed.`, 'Create a new release for further changes.');
}

export function evaluateDeploymentGate(f: DeploymentGateFacts): DeploymentGateEvaluation {
  const env = f.environment.name;
  const windowProblems = f.window.problems.filter(isWindowProblem);
  const freezeProblems = f.window.problems.filter((p) => !isWindowProblem(p));
  // a window that is not ok without any named problem is still refused
  const unexplained = !f.window.ok && f.window.problems.length === 0;
  const gates: GateResult[] = [statusGate(f.releaseStatus)];

  gates.push(
    windowProblems.length || unexplained
      ? fail(
          'deploy.window',
          unexplained ? `Now is not inside an approved window for ${env}.` : sentence(windowProblems),
          `Wait for the scheduled window of ${env}, or reschedule the release.`,
        )
      : pass('deploy.window', `Now is inside the scheduled window for ${env}.`),
  );
  gates.push(
    freezeProblems.length
      ? fail('deploy.freeze', sentence(freezeProblems), 'Wait for the freeze to end, or have a freeze override granted for this release and environment.')
      : pass('deploy.freeze', `No freeze applies to ${env} now (or an override was granted).`),
  );
  const missing = f.promotion.earlierEnvironments.filter((e) => !e.succeeded).map((e) => e.name);
  gates.push(
    missing.length
      ? fail(
          'deploy.promotion',
          `This package has not been deployed successfully to ${missing.join(', ')}, which come${missing.length === 1 ? 's' : ''} before ${env} in the promotion path.`,
          `Deploy to ${missing[0]} first and mark that deployment succeeded.`,
        )
      : pass(
          'deploy.promotion',
          f.promotion.earlierEnvironments.length
            ? `Succeeded in every earlier environment (${f.promotion.earlierEnvironments.map((e) => e.name).join(', ')}).`
            : `${env} is the first environment of the promotion path.`,
        ),
  );
  gates.push(
    f.integrity.ok
      ? pass('deploy.integrity', 'The package still hashes to its sealed digest.')
      : fail(
          'deploy.integrity',
          f.integrity.problems.length ? sentence(f.integrity.problems, 3) : 'The package integrity could not be verified.',
          'Find out who changed the package; re-seal and have it approved again.',
        ),
  );
  gates.push(
    f.alreadyRunning
      ? fail(
          'deploy.in_flight',
          `A deployment of this release to ${env} is already scheduled or in progress.`,
          'Mark that deployment succeeded or failed before recording another.',
        )
      : pass('deploy.in_flight', `No other deployment of this release to ${env} is open.`),
  );
  if (f.testEvidence) gates.push(testEvidenceGate(f.testEvidence, env));
  return { allowed: gates.every((g) => g.passed), gates };
}

function testEvidenceGate(t: NonNullable<DeploymentGateFacts['testEvidence']>, env: string): GateResult {
  const rule = 'deploy.test_evidence';
  if (!t.required) return pass(rule, `The policy does not require test evidence for ${t.releaseType} releases.`);
  if (t.earlierEnvironments.length === 0) {
    return fail(
      rule,
      `The policy requires test evidence for ${t.releaseType} releases, and this release reaches ${env} without an earlier environment to test in.`,
      'Add a staging or test environment to the release, deploy there and record the verification results first.',
    );
  }
  const where = t.earlierEnvironments.join(', ');
  if (t.failed.length) {
    return fail(
      rule,
      `Test evidence shows failures: ${sentence(
        t.failed.map((c) => `${c} failed`),
        4,
      )}`,
      `Fix the failure and record a passing result of the same check on the deployment to ${where}.`,
    );
  }
  if (t.passed.length === 0) {
    return fail(
      rule,
      `The policy requires test evidence for ${t.releaseType} releases: no passing verification result is recorded on the successful deployment to ${where}.`,
      `Record verification results (for example smoke tests) on the deployment to ${where}: on the release page, or POST /api/v1/deployments/{id}/verifications from the pipeline.`,
    );
  }
  return pass(
    rule,
    `Test evidence: ${sentence(
      t.passed.map((c) => `${c} passed`),
      4,
    )}`,
  );
}
