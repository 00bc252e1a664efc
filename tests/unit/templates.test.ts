import { describe, expect, it } from 'vitest';
import { describeTemplateBody, parseTemplateBody, TemplateBodySchema, TemplateNameSchema } from '@/lib/domain/templates';

// The template body (lib/domain/templates.ts, docs/decisions/044): what a release created from a
// template gets, validated with the limits of the release's own forms.

const body = {
  type: 'standard',
  components: ['web', 'api'],
  tasks: [
    { name: 'Drain traffic', estimateMinutes: 10 },
    { name: 'Deploy', estimateMinutes: 25, dependsOn: [0] },
    { name: 'Smoke test', estimateMinutes: 5, dependsOn: [1] },
  ],
  risks: [{ title: 'Cold cache', likelihood: 2, impact: 3 }],
  backout: { expectedDurationMinutes: 20, triggerCriteria: 'Errors above 2%', steps: [{ description: 'Switch back' }] },
  handover: { runbook: 'See runbook' },
  stakeholders: [{ userId: 'user_1', note: 'Business owner' }],
};

describe('a template body', () => {
  it('parses with defaults for what it leaves out', () => {
    const parsed = TemplateBodySchema.parse(body);
    expect(parsed.bodyVersion).toBe(1);
    expect(parsed.timezone).toBe('UTC');
    expect(parsed.tasks[0]).toEqual({ name: 'Drain traffic', estimateMinutes: 10, dependsOn: [], ownerId: null });
    expect(parsed.risks[0]!.status).toBe('open');
    expect(parsed.backout!.steps[0]!.expectedMinutes).toBe(0);
    expect(parsed.handover!.monitoring).toBe('');
    expect(describeTemplateBody(parsed)).toBe('standard release, 2 components, 3 plan tasks, 1 risk, back-out plan (1 step), handover skeleton, 1 stakeholder');
  });

  it('a minimal body is only a type', () => {
    expect(parseTemplateBody({ type: 'normal' })).toMatchObject({ ok: true, body: { tasks: [], risks: [], backout: null, handover: null } });
  });

  it('refuses dependencies that do not exist, on the task itself, or in a circle', () => {
    const bad = (tasks: unknown[]) => parseTemplateBody({ type: 'normal', tasks });
    expect(bad([{ name: 'One', estimateMinutes: 1, dependsOn: [3] }])).toMatchObject({ ok: false, problems: [expect.stringMatching(/does not exist/)] });
    expect(bad([{ name: 'One', estimateMinutes: 1, dependsOn: [0] }])).toMatchObject({ ok: false, problems: [expect.stringMatching(/itself/)] });
    const circle = bad([
      { name: 'One', estimateMinutes: 1, dependsOn: [1] },
      { name: 'Two', estimateMinutes: 1, dependsOn: [0] },
    ]);
    expect(circle.ok).toBe(false);
    if (!circle.ok) expect(circle.problems.join(' ')).toMatch(/circle: .*One.*Two/);
  });

  it('keeps the limits of the release forms', () => {
    expect(parseTemplateBody({ type: 'normal', risks: [{ title: 'Bad', likelihood: 6, impact: 1 }] }).ok).toBe(false);
    expect(parseTemplateBody({ type: 'normal', tasks: [{ name: 'Long', estimateMinutes: 30 * 24 * 60 + 1 }] }).ok).toBe(false);
    expect(parseTemplateBody({ type: 'normal', backout: { expectedDurationMinutes: 5, triggerCriteria: 'x', steps: [] } }).ok).toBe(false);
    expect(parseTemplateBody({ type: 'routine' }).ok).toBe(false);
    expect(parseTemplateBody({ type: 'normal', components: ['web', 'web'] }).ok).toBe(false);
    expect(parseTemplateBody({ type: 'normal', components: ['Not A Slug!'] }).ok).toBe(false);
  });

  it('names are trimmed, 3 to 120 characters, without control characters', () => {
    expect(TemplateNameSchema.parse('  Weekly web  ')).toBe('Weekly web');
    expect(TemplateNameSchema.safeParse('ab').success).toBe(false);
    expect(TemplateNameSchema.safeParse('Tab\there').success).toBe(false);
  });
});
