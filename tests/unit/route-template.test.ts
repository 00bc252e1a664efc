import { describe, expect, it } from 'vitest';
import { routeMatcher, templateOfAppFile } from '@/lib/domain/route-template';

describe('route templates for request metrics', () => {
  const match = routeMatcher([
    '/',
    '/releases',
    '/releases/new',
    '/releases/[key]',
    '/releases/[key]/plan',
    '/api/v1/releases/[key]/transitions',
    '/api/auth/[...nextauth]',
    '/docs/[[...slug]]',
  ]);

  it('names a path by its route, static segments before dynamic ones', () => {
    expect(match('/')).toBe('/');
    expect(match('/releases?status=draft')).toBe('/releases');
    expect(match('/releases/new')).toBe('/releases/new');
    expect(match('/releases/REL-12')).toBe('/releases/[key]');
    expect(match('/releases/REL-12/plan')).toBe('/releases/[key]/plan');
    expect(match('/api/v1/releases/REL-9/transitions')).toBe('/api/v1/releases/[key]/transitions');
    expect(match('/api/auth/callback/oidc')).toBe('/api/auth/[...nextauth]');
    expect(match('/docs')).toBe('/docs/[[...slug]]');
    expect(match('/docs/a/b')).toBe('/docs/[[...slug]]');
  });

  it('keeps the number of labels bounded: unknown paths are other, assets one label', () => {
    expect(match('/wp-login.php')).toBe('other');
    expect(match('/releases/REL-12/plan/extra')).toBe('other');
    expect(match('/_next/static/chunks/abc.js')).toBe('/_next/*');
    expect(match('/releases/%E0%A4%A')).toBe('other');
  });

  it('reads templates from app-directory files', () => {
    expect(templateOfAppFile('app/(app)/releases/[key]/plan/page.tsx')).toBe('/releases/[key]/plan');
    expect(templateOfAppFile('app/api/health/route.ts')).toBe('/api/health');
    expect(templateOfAppFile('app/(app)/page.tsx')).toBe('/');
    expect(templateOfAppFile('app/_lib/guard/page.tsx')).toBeNull();
  });
});
