import { ROLE_LABELS, type Role } from './permissions';
import { allowsValue } from './release-rules';
import { isWindowProblem } from './gate-advice';
import { clauses, en, failWith as fail, list, passWith as pass, term, words } from './gate-words';
import { isReleaseStatus } from './lifecycle';
import type { GateResult, MessageRef, MessageValue } from './result';

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

/** Problems one after the other, each without its full stop: "a; b; c; and 2 more." */
function sentence(problems: string[], max = 4): MessageRef {
  return words('problems', {
    problems: clauses(
      problems.map((p) => p.replace(/\.$/, '')),
      max,
    ),
  });
}

/** The status inside a sentence: the status word of a release status, else the value as it came. */
const statusValue = (status: string): MessageValue => (isReleaseStatus(status) ? term(`releaseWord.${status}`) : status.replace('_', ' '));

function statusGate(status: string): GateResult {
  const rule = 'deploy.status';
  if (allowsValue(status, 'deploy')) {
    return pass(rule, words(status === 'scheduled' ? 'deploy.status.scheduled' : 'deploy.status.deploying'));
  }
  if (status === 'approved') return fail(rule, words('deploy.status.approved'), words('deploy.status.approvedFix'));
  if (status === 'draft' || status === 'submitted' || status === 'rejected') {
    // only the remedy for this status: a submitted release is not submitted again
    return fail(rule, words('deploy.status.notApproved', { status: statusValue(status) }), words(`deploy.status.${status}Fix`));
  }
  return fail(rule, words('deploy.status.over', { status: statusValue(status) }), words('deploy.status.overFix'));
}

/** Only the remedies for the window problems found: no "wait" for a window that does not exist. */
function windowAdvice(problems: string[], env: string): MessageRef {
  if (problems.some((p) => /does not target|no target environment/i.test(p))) return words('deploy.window.notTargetFix', { env });
  if (problems.some((p) => /no scheduled window/i.test(p))) return words('deploy.window.noWindowFix', { env });
  if (problems.some((p) => /maintenance window/i.test(p)) && !problems.some((p) => /scheduled window/i.test(p)))
    return words('deploy.window.maintenanceFix', { env });
  return words('deploy.window.scheduledFix', { env });
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
      ? fail('deploy.window', unexplained ? words('deploy.window.unexplained', { env }) : sentence(windowProblems), windowAdvice(windowProblems, env))
      : pass('deploy.window', words('deploy.window.met', { env })),
  );
  gates.push(
    freezeProblems.length
      ? fail('deploy.freeze', sentence(freezeProblems), words('deploy.freeze.fix'))
      : pass('deploy.freeze', words('deploy.freeze.met', { env })),
  );
  const missing = f.promotion.earlierEnvironments.filter((e) => !e.succeeded).map((e) => e.name);
  gates.push(
    missing.length
      ? fail(
          'deploy.promotion',
          words('deploy.promotion.missing', { missing: missing.join(', '), count: missing.length, env }),
          words('deploy.promotion.fix', { first: missing[0]! }),
        )
      : pass(
          'deploy.promotion',
          f.promotion.earlierEnvironments.length
            ? words('deploy.promotion.met', { environments: f.promotion.earlierEnvironments.map((e) => e.name).join(', ') })
            : words('deploy.promotion.first', { env }),
        ),
  );
  gates.push(
    f.integrity.ok
      ? pass('deploy.integrity', words('deploy.integrity.met'))
      : fail(
          'deploy.integrity',
          f.integrity.problems.length ? sentence(f.integrity.problems, 3) : words('deploy.integrity.unverified'),
          words('deploy.integrity.fix'),
        ),
  );
  gates.push(
    f.alreadyRunning
      ? fail('deploy.in_flight', words('deploy.in_flight.open', { env }), words('deploy.in_flight.fix'))
      : pass('deploy.in_flight', words('deploy.in_flight.met', { env })),
  );
  if (f.testEvidence) gates.push(testEvidenceGate(f.testEvidence, env));
  if (f.protection) gates.push(protectionGate(f.protection, env));
  return { allowed: gates.every((g) => g.passed), gates };
}

function testEvidenceGate(t: NonNullable<DeploymentGateFacts['testEvidence']>, env: string): GateResult {
  const rule = 'deploy.test_evidence';
  const type = t.releaseType;
  if (!t.required) return pass(rule, words('deploy.test_evidence.notRequired', { type }));
  if (t.earlierEnvironments.length === 0) {
    return fail(rule, words('deploy.test_evidence.noEarlier', { type, env }), words('deploy.test_evidence.noEarlierFix'));
  }
  const where = t.earlierEnvironments.join(', ');
  // each check "… failed" / "… passed", one after the other like problems
  const checks = (names: string[], key: string) =>
    clauses(
      names.map((check) => words(key, { check })),
      4,
    );
  if (t.failed.length) {
    return fail(
      rule,
      words('deploy.test_evidence.failures', { checks: checks(t.failed, 'deploy.test_evidence.checkFailed') }),
      words('deploy.test_evidence.failuresFix', { where }),
    );
  }
  if (t.passed.length === 0) {
    return fail(rule, words('deploy.test_evidence.noPassing', { type, where }), words('deploy.test_evidence.noPassingFix', { where }));
  }
  return pass(rule, words('deploy.test_evidence.met', { checks: checks(t.passed, 'deploy.test_evidence.checkPassed') }));
}

const isRole = (r: string): r is Role => Object.prototype.hasOwnProperty.call(ROLE_LABELS, r);
/** a role inside a sentence: "release manager" (statuses roleWord) */
const roleWord = (r: string): MessageValue => (isRole(r) ? term(`roleWord.${r}`) : r);
/** "release managers may deploy", "operations may deploy" (statuses rolePlural) */
const rolePlural = (r: string): MessageValue => (isRole(r) ? term(`rolePlural.${r}`) : `${r}s`);

/** A person's roles one after the other: "release manager, approver". */
function roleList(roles: readonly string[]): MessageValue {
  const [first, ...rest] = roles;
  return words('deploy.protected.roleList', { role: roleWord(first!), hasRest: rest.length ? 'yes' : 'no', rest: rest.length ? roleList(rest) : '' });
}

/** "operations of team Platform", "admins or operations", "people of team Platform or team Core", in any language */
export function whoMayDeployWords(p: Pick<ProtectionFacts, 'roles' | 'teams'>): MessageRef {
  return words('deploy.protected.who', {
    hasRoles: p.roles.length ? 'yes' : 'no',
    roles: p.roles.length ? list(p.roles.map(rolePlural), p.roles.length, 'or') : '',
    hasTeams: p.teams.length ? 'yes' : 'no',
    teams: p.teams.length
      ? list(
          p.teams.map((t) => words('deploy.protected.team', { name: t.name })),
          p.teams.length,
          'or',
        )
      : '',
  });
}

/** The same in English. */
export const whoMayDeploy = (p: Pick<ProtectionFacts, 'roles' | 'teams'>): string => en(whoMayDeployWords(p));

/** The gate of a protected environment: the caller must hold one of its roles and belong to one of its teams (where named). */
export function protectionGate(p: ProtectionFacts, env: string): GateResult {
  const rule = 'deploy.protected';
  const fix =
    p.roles.length || p.teams.length ? words('deploy.protected.fixWho', { who: whoMayDeployWords(p), env }) : words('deploy.protected.fixAdmin', { env });
  if (p.roles.length === 0 && p.teams.length === 0) return fail(rule, words('deploy.protected.nobody', { env }), fix);
  const roleOk = p.roles.length === 0 || p.roles.some((r) => p.deployer.roles.includes(r));
  const teamOk = p.teams.length === 0 || (!!p.deployer.team && p.teams.some((t) => t.id === p.deployer.team!.id));
  const who = whoMayDeployWords(p);
  if (roleOk && teamOk) return pass(rule, words('deploy.protected.allowed', { env, who }));
  const roles: MessageValue = p.deployer.roles.length ? roleList(p.deployer.roles) : words('deploy.protected.noRole');
  const you = p.deployer.team
    ? words('deploy.protected.youInTeam', { name: p.deployer.name, roles, team: p.deployer.team.name })
    : words('deploy.protected.youNoTeam', { name: p.deployer.name, roles });
  return fail(rule, words('deploy.protected.refused', { env, who, you }), fix);
}
