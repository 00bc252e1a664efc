import { ROLE_LABELS, type Role } from './permissions';
import { allowsValue } from './release-rules';
import { isWindowProblem } from './gate-advice';
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
  /**
   * Who may deploy to a protected environment, and who is asking. Given only for protected
   * environments and a known caller; the gate "deploy.protected" is added then.
   */
  protection?: ProtectionFacts;
}

export interface ProtectionFacts {
  /** roles allowed (any of them); empty: no role restriction beyond the right to record deployments */
  roles: readonly string[];
  /** team names allowed (any of them); empty: any team */
  teams: readonly { id: string; name: string }[];
  deployer: { name: string; roles: readonly string[]; team: { id: string; name: string } | null };
}

export interface DeploymentGateEvaluation {
  allowed: boolean;
  gates: GateResult[];
}

/** deploymentWindowCheck mixes window and freeze problems: anything that is not about the window is a freeze. */
export { isWindowProblem };

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
    // only the remedy for this status: a submitted release is not submitted again
    const fix =
      status === 'draft'
        ? 'Submit it for approval, then schedule it.'
        : status === 'submitted'
          ? 'Wait for the required approvals, then schedule it.'
          : 'Return it to draft, rework it and submit it again.';
    return fail('deploy.status', `The release is ${status.replace('_', ' ')}: it has not been approved.`, fix);
  }
  return fail('deploy.status', `The release is ${status.replace('_', ' ')}: it can no longer be deployed.`, 'Create a new release for further changes.');
}

/** Only the remedies for the window problems found: no "wait" for a window that does not exist. */
function windowAdvice(problems: string[], env: string): string {
  if (problems.some((p) => /does not target|no target environment/i.test(p))) return `Add ${env} to the release's target environments, then schedule it.`;
  if (problems.some((p) => /no scheduled window/i.test(p))) return `Give ${env} a window in the Schedule section.`;
  if (problems.some((p) => /maintenance window/i.test(p)) && !problems.some((p) => /scheduled window/i.test(p)))
    return `Wait for a maintenance window of ${env}, or move the release's window into one.`;
  return `Wait for the scheduled window of ${env}, or reschedule the release.`;
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
      ? fail('deploy.window', unexplained ? `Now is not inside an approved window for ${env}.` : sentence(windowProblems), windowAdvice(windowProblems, env))
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
  if (f.protection) gates.push(protectionGate(f.protection, env));
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

const roleWord = (r: string) => (ROLE_LABELS[r as Role] ?? r).toLowerCase();
/** "release managers may deploy", "operations may deploy" */
const rolePlural = (r: string) => (r === 'operations' ? 'operations' : `${roleWord(r)}s`);

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "operations of team Platform", "admins or operations", "people of team Platform or team Core" */
export function whoMayDeploy(p: Pick<ProtectionFacts, 'roles' | 'teams'>): string {
  const roles = p.roles.length ? orList(p.roles.map(rolePlural)) : 'people';
  const teams = p.teams.length ? ` of ${orList(p.teams.map((t) => `team ${t.name}`))}` : '';
  return `${roles}${teams}`;
}

/** The gate of a protected environment: the caller must hold one of its roles and belong to one of its teams (where named). */
export function protectionGate(p: ProtectionFacts, env: string): GateResult {
  const rule = 'deploy.protected';
  const fix = `Ask ${p.roles.length || p.teams.length ? whoMayDeploy(p) : 'an admin'} to record the deployment, or an admin to change who may deploy to ${env} on the environment's page.`;
  if (p.roles.length === 0 && p.teams.length === 0) {
    return { rule, passed: false, why: `${env} is protected, and no one is named who may deploy to it.`, fix };
  }
  const roleOk = p.roles.length === 0 || p.roles.some((r) => p.deployer.roles.includes(r));
  const teamOk = p.teams.length === 0 || (!!p.deployer.team && p.teams.some((t) => t.id === p.deployer.team!.id));
  const who = whoMayDeploy(p);
  if (roleOk && teamOk) return pass(rule, `${env} is protected: only ${who} may deploy to it, and you are one of them.`);
  const heldRoles = p.deployer.roles.length ? p.deployer.roles.map(roleWord).join(', ') : 'no role';
  const you = `${p.deployer.name} (${heldRoles}, ${p.deployer.team ? `team ${p.deployer.team.name}` : 'in no team'})`;
  return { rule, passed: false, why: `${env} is protected: only ${who} may deploy to it; you are ${you}.`, fix };
}
