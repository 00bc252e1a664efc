import { z } from 'zod';
import { describeCycle, findCycle, type Edge } from './graph';
import { RELEASE_TYPES } from './policy-names';

// A release template's body: what a new release starting from it gets (type, texts, target
// environments, the components it is expected to ship, plan tasks with their durations and
// dependencies, standard risks, the back-out plan's steps, a handover skeleton and the
// stakeholders). Stored as JSON in ReleaseTemplateVersion.body and validated here, with the
// same limits as the release's own forms (lib/server/plan.ts, risks.ts, backout.ts,
// handover.ts), so whatever a template holds can be created as a release. Pure: no I/O.
// See docs/decisions/044-release-templates-and-copies.md.

export const TEMPLATE_BODY_VERSION = 1;
export const MAX_TEMPLATE_TASKS = 200;
export const MAX_TEMPLATE_RISKS = 100;
export const MAX_TEMPLATE_STEPS = 50;
export const MAX_TEMPLATE_COMPONENTS = 200;
export const MAX_TEMPLATE_STAKEHOLDERS = 50;
/** the plan's limit on one task's estimate (lib/server/plan.ts MAX_ESTIMATE_MINUTES) */
export const MAX_TASK_MINUTES = 30 * 24 * 60;
/** the back-out plan's limit on minutes (one week, lib/server/backout.ts) */
export const MAX_BACKOUT_MINUTES = 10_080;
const MAX_HANDOVER_TEXT = 20_000;

const text = (max: number) => z.string().trim().max(max).default('');
const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/);
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Names use lowercase letters, digits and hyphens.');

export const TemplateTaskSchema = z.object({
  name: z.string().trim().min(2, 'Task names are at least 2 characters.').max(200),
  estimateMinutes: z.number().int().min(1).max(MAX_TASK_MINUTES),
  /** positions (0-based) of the tasks this one depends on, in this template's list */
  dependsOn: z.array(z.number().int().min(0).max(MAX_TEMPLATE_TASKS)).max(100).default([]),
  /** kept when the person is still active when a release is created from it */
  ownerId: id.nullable().default(null),
});

export const TemplateRiskSchema = z.object({
  title: z.string().trim().min(3, 'Risk titles are at least 3 characters.').max(200),
  description: text(5_000),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  mitigation: text(5_000),
  status: z.enum(['open', 'mitigated', 'accepted', 'closed']).default('open'),
});

export const TemplateBackoutSchema = z.object({
  expectedDurationMinutes: z.number().int().min(1).max(MAX_BACKOUT_MINUTES),
  triggerCriteria: z.string().trim().min(1).max(4_000),
  steps: z
    .array(z.object({ description: z.string().trim().min(1).max(1_000), expectedMinutes: z.number().int().min(0).max(MAX_BACKOUT_MINUTES).default(0) }))
    .min(1)
    .max(MAX_TEMPLATE_STEPS),
});

export const TemplateHandoverSchema = z.object({
  whatChanged: text(MAX_HANDOVER_TEXT),
  runbook: text(MAX_HANDOVER_TEXT),
  monitoring: text(MAX_HANDOVER_TEXT),
  knownErrors: text(MAX_HANDOVER_TEXT),
  supportContacts: text(MAX_HANDOVER_TEXT),
});

export const TemplateBodySchema = z
  .object({
    bodyVersion: z.literal(TEMPLATE_BODY_VERSION).default(TEMPLATE_BODY_VERSION),
    type: z.enum(RELEASE_TYPES),
    title: text(200),
    description: text(10_000),
    businessJustification: text(5_000),
    timezone: z.string().trim().max(64).default('UTC'),
    /** target environments by name */
    environments: z.array(slug).max(20).default([]),
    /** components a release of this kind ships, by name (its package is chosen per release: builds change) */
    components: z.array(slug).max(MAX_TEMPLATE_COMPONENTS).default([]),
    tasks: z.array(TemplateTaskSchema).max(MAX_TEMPLATE_TASKS).default([]),
    risks: z.array(TemplateRiskSchema).max(MAX_TEMPLATE_RISKS).default([]),
    backout: TemplateBackoutSchema.nullable().default(null),
    handover: TemplateHandoverSchema.nullable().default(null),
    stakeholders: z
      .array(z.object({ userId: id, note: text(500) }))
      .max(MAX_TEMPLATE_STAKEHOLDERS)
      .default([]),
  })
  .superRefine((body, ctx) => {
    const n = body.tasks.length;
    const edges: Edge[] = [];
    body.tasks.forEach((t, i) => {
      for (const d of t.dependsOn) {
        if (d >= n) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'dependsOn'], message: `Task ${i + 1} depends on task ${d + 1}, which does not exist.` });
        else if (d === i) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'dependsOn'], message: `Task ${i + 1} cannot depend on itself.` });
        else edges.push({ from: String(i), to: String(d) });
      }
    });
    const cycle = findCycle(
      body.tasks.map((_, i) => String(i)),
      edges,
    );
    if (cycle) {
      ctx.addIssue({
        code: 'custom',
        path: ['tasks'],
        message: `The plan goes round in a circle: ${describeCycle(cycle, (i) => body.tasks[Number(i)]?.name ?? i)}.`,
      });
    }
    if (new Set(body.components).size !== body.components.length) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: 'Each component is listed once.' });
    }
  });

export type TemplateBody = z.output<typeof TemplateBodySchema>;
export type TemplateBodyInput = z.input<typeof TemplateBodySchema>;

/** A stored body, validated; a body that no longer parses is reported, never guessed at. */
export function parseTemplateBody(raw: unknown): { ok: true; body: TemplateBody } | { ok: false; problems: string[] } {
  const parsed = TemplateBodySchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
}

/** Template names: what people pick them by (unique, case-insensitively as stored trimmed). */
export const TemplateNameSchema = z
  .string({ error: 'Name the template.' })
  .trim()
  .min(3, 'Template names are at least 3 characters.')
  .max(120, 'Template names are at most 120 characters.')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Template names cannot contain control characters.');

/** "Standard web deploy v3" */
export const templateLabel = (name: string, version: number) => `${name} v${version}`;

/** What a template holds, in a short line for lists ("4 tasks, 2 risks, back-out plan (3 steps), handover notes, 2 stakeholders"). */
export function describeTemplateBody(body: TemplateBody): string {
  const parts: string[] = [];
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  parts.push(`${body.type} release`);
  if (body.components.length) parts.push(n(body.components.length, 'component'));
  parts.push(n(body.tasks.length, 'plan task'));
  parts.push(n(body.risks.length, 'risk'));
  if (body.backout) parts.push(`back-out plan (${n(body.backout.steps.length, 'step')})`);
  if (body.handover) parts.push('handover skeleton');
  if (body.stakeholders.length) parts.push(n(body.stakeholders.length, 'stakeholder'));
  return parts.join(', ');
}
