import { describe, expect, it } from 'vitest';
import { configurationProblems, effectiveConfiguration } from '@/lib/server/env';
import { showConfiguration } from '@/lib/server/cli-commands';

// Configuration is checked at start (issue 17 point 8): one line per malformed or unknown
// setting, and `npm run relm -- config` prints what is in effect without its secrets.

describe('configuration', () => {
  it('is fine with nothing set, and with the names the README’s pipeline examples use', () => {
    expect(configurationProblems({})).toEqual([]);
    expect(configurationProblems({ RELM_URL: 'https://relm.example.com', RELM_TOKEN: 'relm_x', RELM_WEBHOOK_SECRET: 'whsec_x' })).toEqual([]);
  });

  it('names each malformed setting once, and an unknown RELM_ name with the nearest setting', () => {
    const problems = configurationProblems({ RELM_JOBS: 'maybe', PORT: 'eighty', RELM_DATA_DIRR: '/srv/relm', RELM_SOMETHING_ELSE: '1' });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('RELM_JOBS:'))).toMatch(/"on"\|"off"/);
    expect(problems.find((p) => p.startsWith('PORT:'))).toBeTruthy();
    expect(problems).toContain('RELM_DATA_DIRR: not a setting Relm knows. Did you mean RELM_DATA_DIR? Remove it, or see "Configuration" in README.md.');
    expect(problems).toContain('RELM_SOMETHING_ELSE: not a setting Relm knows. Remove it, or see "Configuration" in README.md.');
  });

  it('prints the configuration in effect with secrets and passwords hidden', () => {
    const source = {
      DATABASE_URL: 'postgresql://relm:s3cret-pw@db.internal:5432/relm',
      AUTH_SECRET: 'a'.repeat(40),
      RELM_OIDC_CLIENT_SECRET: 'oidc-secret-value',
      RELM_OIDC_ISSUER: 'https://idp.example.com',
      RELM_OIDC_CLIENT_ID: 'relm',
      RELM_SMTP_URL: 'smtp://mailer:mail-pw@smtp.example.com:587',
    };
    const rows = Object.fromEntries(effectiveConfiguration(source).map((r) => [r.name, r]));
    expect(rows.DATABASE_URL).toEqual({ name: 'DATABASE_URL', value: 'postgresql://relm:***@db.internal:5432/relm', from: 'set' });
    expect(rows.AUTH_SECRET!.value).toBe('(set, hidden)');
    expect(rows.RELM_AUDIT_KEY!.value).toBe('(not set: kept in the data folder)');
    expect(rows.PORT).toEqual({ name: 'PORT', value: '3000', from: 'default' });
    const out = showConfiguration(source);
    expect(out.exitCode).toBe(0);
    for (const secret of ['s3cret-pw', 'oidc-secret-value', 'mail-pw', 'a'.repeat(40)]) expect(out.stdout).not.toContain(secret);
    expect(out.stdout).toMatch(/^RELM_SMTP_URL\s+smtp:\/\/mailer:\*\*\*@smtp\.example\.com:587$/m);
  });

  it('refuses to print a configuration that would not start, saying why', () => {
    const out = showConfiguration({ RELM_JOBSS: 'on' });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('RELM_JOBSS: not a setting Relm knows. Did you mean RELM_JOBS?');
  });
});
