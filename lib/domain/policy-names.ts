// The names the policy document is built from: release types, risk levels and
// review triggers. Kept apart from policy.ts (its zod schema) so a client
// component that only lists them does not ship zod to the browser.

export const RELEASE_TYPES = ['standard', 'normal', 'major', 'emergency'] as const;
export type ReleaseTypeName = (typeof RELEASE_TYPES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevelName = (typeof RISK_LEVELS)[number];

/** Events after which a post-release review is required. */
export const REVIEW_TRIGGERS = ['failed_deployment', 'backout', 'emergency', 'freeze_override', 'major_release', 'critical_risk'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];
