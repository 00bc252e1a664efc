import { z } from 'zod';
import { describeCycle, findCycle, type Edge } from './graph';
import en from '@/messages/en/domain-templates.json';
import { RELEASE_TYPES } from './policy-names';
import { sayer, type SayValue } from './said';

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

// its sentences are messages of the domain-templates catalogue, for the reader's language (decision 060)
const say = sayer('domain-templates', en);

const text = (max: number) => z.string().trim().max(max).default('');
const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/);
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, say('slug'));

export const TemplateTaskSchema = z.object({
  name: z.string().trim().min(2, say('taskName')).max(200),
  estimateMinutes: z.number().int().min(1).max(MAX_TASK_MINUTES),
  /** positions (0-based) of the tasks this one depends on, in this template's list */
  dependsOn: z.array(z.number().int().min(0).max(MAX_TEMPLATE_TASKS)).max(100).default([]),
  /** kept when the person is still active when a release is created from it */
  ownerId: id.nullable().default(null),
});

export const TemplateRiskSchema = z.object({
  title: z.string().trim().min(3, say('riskTitle')).max(200),
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
        if (d >= n)
          ctx.addIssue({ code: 'custom', path: ['tasks', i, 'dependsOn'], message: say('dependsOnMissing', { task: String(i + 1), other: String(d + 1) }) });
        else if (d === i) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'dependsOn'], message: say('dependsOnItself', { task: String(i + 1) }) });
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
        message: say('cycle', { cycle: describeCycle(cycle, (i) => body.tasks[Number(i)]?.name ?? i) }),
      });
    }
    if (new Set(body.components).size !== body.components.length) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: say('componentsOnce') });
    }
  });

export type TemplateBody = z.output<typeof TemplateBodySchema>;
export type TemplateBodyInput = z.input<typeof TemplateBodySchema>;

/** A stored body, validated; a body that no longer parses is reported, never guessed at. */
export function parseTemplateBody(raw: unknown): { ok: true; body: TemplateBody } | { ok: false; problems: string[] } {
  const parsed = TemplateBodySchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => say('problem', { path: i.path.join('.') || 'body', message: { said: i.message } })) };
}

/** Template names: what people pick them by (unique, case-insensitively as stored trimmed). */
export const TemplateNameSchema = z
  .string({ error: say('name.required') })
  .trim()
  .min(3, say('name.min'))
  .max(120, say('name.max'))
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), say('name.controlCharacters'));

/** "Standard web deploy v3" */
export const templateLabel = (name: string, version: number) => `${name} v${version}`;

/** What a template holds, in a short line for lists ("4 tasks, 2 risks, back-out plan (3 steps), handover notes, 2 stakeholders"). */
export function describeTemplateBody(body: TemplateBody): string {
  const part = (key: string, values?: Record<string, SayValue>): SayValue => ({ key: `holds.${key}`, ...(values ? { values } : {}) });
  const parts: SayValue[] = [];
  parts.push(part('type', { type: body.type }));
  if (body.components.length) parts.push(part('components', { count: body.components.length }));
  parts.push(part('tasks', { count: body.tasks.length }));
  parts.push(part('risks', { count: body.risks.length }));
  if (body.backout) parts.push(part('backout', { count: body.backout.steps.length }));
  if (body.handover) parts.push(part('handover'));
  if (body.stakeholders.length) parts.push(part('stakeholders', { count: body.stakeholders.length }));
  // "a, b, c": each part said in the reader's language
  const joined = parts.reduceRight((rest, p) => (rest === null ? p : part('comma', { first: p, rest })), null as SayValue | null)!;
  return say('holds.line', { parts: joined });
}
