import { z } from 'zod';
import en from '@/messages/en/domain-policy.json';
import { sayer } from './said';
import { ROLES } from './permissions';
import { RELEASE_TYPES, REVIEW_TRIGGERS, RISK_LEVELS as RISK_LEVEL_NAMES, type ReleaseTypeName, type RiskLevelName } from './policy-names';

// The release policy: what the organisation decides, as one versioned, validated
// document. Admins edit it (every change is a new PolicyVersion); every decision
// records the version it applied. Pure: no I/O.

export { RELEASE_TYPES, RISK_LEVELS, REVIEW_TRIGGERS, type ReleaseTypeName, type RiskLevelName, type ReviewTrigger } from './policy-names';

// its sentences are messages of the domain-policy catalogue (docs/decisions/060-refusals-in-the-readers-language.md)
const say = sayer('domain-policy', en);

const weight = z.number().int(say('weight.whole')).min(0, say('weight.min')).max(50, say('weight.max'));

export const ApprovalRuleSchema = z.object({
  /** stable id within its list, e.g. "approvers" */
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, say('rule.key')),
  description: z.string().trim().min(1, say('rule.description')).max(200),
  /** the role an approver must hold for this rule */
  role: z.enum(ROLES),
  count: z.number().int().min(1, say('rule.countMin')).max(10, say('rule.countMax')),
  /** the approvals must come from people in different teams */
  distinctTeams: z.boolean().default(false),
  /** only members of the Change Advisory Board count */
  cabOnly: z.boolean().default(false),
  /** only members of this team (slug) count */
  teamSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .optional(),
});
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

const rules = z
  .array(ApprovalRuleSchema)
  .max(10)
  .refine((list) => new Set(list.map((r) => r.key)).size === list.length, say('rule.keysUnique'));

/** Hours for a timed reminder or escalation: 0 switches it off. */
const delayHours = (what: 'windowNotice' | 'windowMissedEscalation' | 'approvalReminder' | 'approvalEscalation' | 'freezeNotice') =>
  z
    .number({ error: say(`delay.${what}.enter`) })
    .int(say(`delay.${what}.whole`))
    .min(0, say(`delay.${what}.min`))
    .max(720, say(`delay.${what}.max`));

/** The defaults of the reminders section: also what a document saved before it existed means. */
export const REMINDER_DEFAULTS = {
  windowNoticeHours: 24,
  windowMissedEscalationHours: 4,
  approvalReminderHours: 24,
  approvalEscalationHours: 72,
  freezeNoticeHours: 48,
  actionItemReminderDays: 1,
} as const;

/**
 * Timed reminders and escalations (issue 13, docs/decisions/030-reminders-and-escalation.md),
 * run by the job engine's tick. Every value 0 = that reminder is off.
 */
export const RemindersSchema = z
  .object({
    /** the owner and operations hear of a deployment window this many hours before it opens */
    windowNoticeHours: delayHours('windowNotice').default(REMINDER_DEFAULTS.windowNoticeHours),
    /** a window that ended with nothing deployed, still nothing this many hours later: the CAB and admins are told */
    windowMissedEscalationHours: delayHours('windowMissedEscalation').default(REMINDER_DEFAULTS.windowMissedEscalationHours),
    /** a release waiting for approvals this long: the people who can still approve are reminded */
    approvalReminderHours: delayHours('approvalReminder').default(REMINDER_DEFAULTS.approvalReminderHours),
    /** … and this long: the CAB and admins are told */
    approvalEscalationHours: delayHours('approvalEscalation').default(REMINDER_DEFAULTS.approvalEscalationHours),
    /** owners of releases whose scheduled windows a freeze touches hear of it this many hours before it starts */
    freezeNoticeHours: delayHours('freezeNotice').default(REMINDER_DEFAULTS.freezeNoticeHours),
    /** an overdue review action item: its owner is reminded every this many days (the release owner once) */
    actionItemReminderDays: z
      .number({ error: say('actionItemReminder.enter') })
      .int(say('actionItemReminder.whole'))
      .min(0, say('actionItemReminder.min'))
      .max(30, say('actionItemReminder.max'))
      .default(REMINDER_DEFAULTS.actionItemReminderDays),
  })
  .superRefine((r, ctx) => {
    if (r.approvalReminderHours > 0 && r.approvalEscalationHours > 0 && r.approvalEscalationHours <= r.approvalReminderHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['approvalEscalationHours'],
        message: say('escalationAfterReminder', { hours: String(r.approvalReminderHours) }),
      });
    }
  });
export type Reminders = z.output<typeof RemindersSchema>;

/**
 * One template the organisation pre-approves as a standard change (docs/decisions/045-standard-changes.md):
 * a release created from it that stays within these limits needs no approval round.
 */
export const StandardChangeRuleSchema = z.object({
  /** the template's name (lib/domain/templates.ts); renaming a template named here is refused */
  template: z.string().trim().min(1, say('standard.template')).max(120, say('standard.templateMax')),
  /** the components its package may contain (names); every one must be in this list */
  components: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, say('standard.componentName')),
    )
    .min(1, say('standard.componentsMin'))
    .max(200, say('standard.componentsMax'))
    .transform((l) => [...new Set(l)]),
  /** the highest risk level still pre-approved */
  maxRiskLevel: z.enum(RISK_LEVEL_NAMES, { error: say('standard.maxRiskLevel') }),
  /** the most builds (package items) the package may hold */
  maxPackageItems: z
    .number({ error: say('standard.packageItems') })
    .int(say('standard.packageItems'))
    .min(1, say('standard.packageItemsMin'))
    .max(200, say('standard.packageItemsMax')),
});
export type StandardChangeRule = z.output<typeof StandardChangeRuleSchema>;

export const PolicyDocumentSchema = z
  .object({
    name: z.string().trim().min(1).max(120).default('Release policy'),
    risk: z.object({
      /** the level is the highest threshold the score reaches (below medium: low) */
      thresholds: z.object({ medium: weight, high: weight, critical: weight }).refine((t) => t.medium < t.high && t.high < t.critical, say('thresholdsRise')),
      factors: z.object({
        releaseType: z.object({ standard: weight, normal: weight, major: weight, emergency: weight }),
        /** contribution of the most critical component in the package, by tier (1 = most critical) */
        highestComponentTier: z.object({ '1': weight, '2': weight, '3': weight, '4': weight }),
        targetsProduction: weight,
        /** per component beyond the first, up to perExtraComponentMax in all */
        perExtraComponent: weight,
        perExtraComponentMax: weight,
        /** contribution of the highest open (or accepted) risk score: the first band it reaches */
        highestOpenRiskScore: z
          .array(z.object({ atLeast: z.number().int().min(1).max(25), contribution: weight }))
          .max(10)
          .transform((bands) => [...bands].sort((a, b) => b.atLeast - a.atLeast)),
        /** a failed deployment or back-out of any of the package's components within the period */
        recentFailure: z.object({ withinDays: z.number().int().min(1).max(365), contribution: weight }),
      }),
    }),
    approvals: z.object({
      byRiskLevel: z.object({ low: rules, medium: rules, high: rules, critical: rules }),
      /** extra rules by release type, added to the risk level's */
      byReleaseType: z.object({ standard: rules.optional(), normal: rules.optional(), major: rules.optional(), emergency: rules.optional() }).default({}),
      /** extra rules for a release that targets a protected environment, added to the others */
      forProtectedEnvironments: rules.default([]),
      cab: z.object({
        name: z.string().trim().min(1).max(80).default('Change Advisory Board'),
        /** emails of the CAB members */
        members: z
          .array(z.email(say('cabMemberEmail')).toLowerCase())
          .max(50)
          .default([]),
      }),
      // Separation of duties is not optional: the document cannot switch it off.
      excludeOwner: z.literal(true).default(true),
      excludeRequester: z.literal(true).default(true),
      excludeBuildAuthors: z.literal(true).default(true),
      bindToPackageDigest: z.literal(true).default(true),
      expiryDays: z.number().int().min(1, say('expiryMin')).max(90, say('expiryMax')),
      /** warn the release owner this long before an approval expires */
      expiryWarningHours: z.number().int().min(1).max(240).default(24),
    }),
    emergency: z
      .object({
        /** approvals needed from approvers for the break-glass path */
        approversRequired: z.number().int().min(1).max(3).default(1),
        /** a second person (admin or CAB member) must confirm within this many hours */
        confirmWithinHours: z.number().int().min(1).max(72).default(4),
      })
      .default({ approversRequired: 1, confirmWithinHours: 4 }),
    gates: z
      .object({
        backoutPlanRequiredFor: z.array(z.enum(RELEASE_TYPES)).default(['normal', 'major', 'emergency']),
        testEvidenceRequiredFor: z.array(z.enum(RELEASE_TYPES)).default(['normal', 'major', 'emergency']),
        planTasksNeedOwners: z.boolean().default(true),
        productionRequiresStagingSuccess: z.boolean().default(true),
        respectMaintenanceWindows: z.boolean().default(true),
      })
      .default({
        backoutPlanRequiredFor: ['normal', 'major', 'emergency'],
        testEvidenceRequiredFor: ['normal', 'major', 'emergency'],
        planTasksNeedOwners: true,
        productionRequiresStagingSuccess: true,
        respectMaintenanceWindows: true,
      }),
    reviewRequiredAfter: z.array(z.enum(REVIEW_TRIGGERS)).default(['failed_deployment', 'backout', 'emergency', 'freeze_override']),
    freezeOverride: z
      .object({
        /** people who must agree: the requester plus confirmers (at least 2) */
        peopleRequired: z.number().int().min(2, say('freezeOverridePeople')).max(5).default(2),
        reasonRequired: z.literal(true).default(true),
      })
      .default({ peopleRequired: 2, reasonRequired: true }),
    conflicts: z
      .object({
        /** which kinds of scheduling conflict may be acknowledged with a reason */
        acknowledgeable: z.array(z.enum(['environment', 'component', 'owner'])).default(['component', 'owner']),
      })
      .default({ acknowledgeable: ['component', 'owner'] }),
    reminders: RemindersSchema.default({ ...REMINDER_DEFAULTS }),
    /** templates pre-approved as standard changes; a document saved before this section existed has none */
    standardChanges: z
      .array(StandardChangeRuleSchema)
      .max(20, say('standard.max'))
      .refine((l) => new Set(l.map((r) => r.template.toLowerCase())).size === l.length, say('standard.unique'))
      .default([]),
  })
  .superRefine((doc, ctx) => {
    // the failure triggers are not optional either
    for (const t of ['failed_deployment', 'backout', 'emergency', 'freeze_override'] as const) {
      if (!doc.reviewRequiredAfter.includes(t)) {
        ctx.addIssue({
          code: 'custom',
          path: ['reviewRequiredAfter'],
          message: say('reviewAlwaysRequired', { trigger: t }),
        });
      }
    }
  });

export type PolicyDocument = z.output<typeof PolicyDocumentSchema>;
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;

/** Validates a stored or submitted document; field paths are dotted ("approvals.expiryDays"). */
export function parsePolicy(raw: unknown): { ok: true; policy: PolicyDocument } | { ok: false; errors: Record<string, string[]> } {
  const parsed = PolicyDocumentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join('.') || '_form'] ??= []).push(issue.message);
  return { ok: false, errors };
}

/**
 * The rules that apply to a release: its risk level's, plus its type's, plus the protected
 * environments' when it targets one (their descriptions name those environments). A key
 * already taken is prefixed ("major-approvers", "protected-approvers").
 */
export function approvalRulesFor(
  policy: PolicyDocument,
  level: RiskLevelName,
  type: ReleaseTypeName,
  protectedTargets: readonly string[] = [],
): ApprovalRule[] {
  const out: ApprovalRule[] = [...policy.approvals.byRiskLevel[level]];
  const add = (list: readonly ApprovalRule[], prefix: string, describe: (r: ApprovalRule) => string = (r) => r.description) => {
    const keys = new Set(out.map((r) => r.key));
    for (const r of list) out.push({ ...r, key: keys.has(r.key) ? `${prefix}-${r.key}`.slice(0, 40) : r.key, description: describe(r) });
  };
  add(policy.approvals.byReleaseType[type] ?? [], type);
  if (protectedTargets.length) {
    const names = [...protectedTargets].sort().join(', ');
    add(policy.approvals.forProtectedEnvironments ?? [], 'protected', (r) => say('protectedRule', { description: r.description, names }).slice(0, 200));
  }
  return out;
}
