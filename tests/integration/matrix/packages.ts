import type { DbHandle } from '@/lib/server/db';
import { manifestDigest, packageManifest } from '@/lib/domain/manifest';
import type { MatrixFixtures } from './types';
import { makeBuild, makeRelease, makeUser } from '../../support/factories';
import { now } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

/** A draft release whose package holds one build (of a component without dependencies). */
async function releaseWithBuild(h: DbHandle) {
  const release = await makeRelease(h.prisma);
  const build = await makeBuild(h.prisma);
  const component = await h.prisma.component.findUniqueOrThrow({ where: { id: build.componentId } });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: release.id } });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: build.componentId, buildId: build.id } });
  return { release, key: releaseKey(release.number), build, component, pkg };
}

/** The same, sealed (revision 1), as sealPackage would leave it. */
async function sealedRelease(h: DbHandle) {
  const r = await releaseWithBuild(h);
  const manifest = packageManifest([{ component: r.component.name, version: r.build.version, digest: r.build.artifactDigest }]);
  const digest = manifestDigest(manifest);
  await h.prisma.packageSeal.create({ data: { packageId: r.pkg.id, revision: 1, digest, manifest, reason: 'Sealed' } });
  await h.prisma.releasePackage.update({ where: { id: r.pkg.id }, data: { sealedDigest: digest, sealedAt: now(), revision: 1 } });
  return r;
}

/** A pending request (by another person) to add a second build to a sealed package. */
async function pendingRequest(h: DbHandle, status: 'pending' | 'approved') {
  const r = await sealedRelease(h);
  const extra = await makeBuild(h.prisma);
  const requester = await makeUser(h.prisma, ['release_manager']);
  const decider = await makeUser(h.prisma, ['release_manager']);
  const request = await h.prisma.scopeChangeRequest.create({
    data: {
      releaseId: r.release.id,
      requestedById: requester.id,
      reason: 'Ship the extra component too',
      status,
      ...(status === 'approved' ? { decidedById: decider.id, decidedAt: now() } : {}),
      items: { create: [{ action: 'add', componentId: extra.componentId, buildId: extra.id }] },
    },
  });
  return { ...r, request, extra };
}

export const packages: MatrixFixtures = {
  module: 'packages.ts',
  load: () => import('@/lib/server/packages'),
  mutations: {
    'package.add_build': {
      permission: 'package.edit',
      validInput: async (h) => {
        const release = await makeRelease(h.prisma);
        const build = await makeBuild(h.prisma);
        return { releaseKey: releaseKey(release.number), buildId: build.id, version: release.version };
      },
    },
    'package.remove_build': {
      permission: 'package.edit',
      validInput: async (h) => {
        const r = await releaseWithBuild(h);
        return { releaseKey: r.key, component: r.component.name, version: r.release.version };
      },
    },
    'package.seal': {
      permission: 'package.edit',
      validInput: async (h) => {
        const r = await releaseWithBuild(h);
        return { releaseKey: r.key, version: r.release.version };
      },
    },
    'package.verify': {
      permission: 'release.read',
      validInput: async (h) => ({ releaseKey: (await sealedRelease(h)).key }),
    },
  },
};

export const scopeChanges: MatrixFixtures = {
  module: 'scope-changes.ts',
  load: () => import('@/lib/server/scope-changes'),
  mutations: {
    'scope_change.request': {
      permission: 'package.edit',
      validInput: async (h) => {
        const r = await sealedRelease(h);
        const extra = await makeBuild(h.prisma);
        const component = await h.prisma.component.findUniqueOrThrow({ where: { id: extra.componentId } });
        return { releaseKey: r.key, reason: 'Ship the extra component too', items: [{ action: 'add', componentName: component.name, buildId: extra.id }] };
      },
    },
    'scope_change.decide': {
      permission: 'release.edit',
      validInput: async (h) => ({ id: (await pendingRequest(h, 'pending')).request.id, decision: 'approve', comment: 'Agreed' }),
    },
    'scope_change.apply': {
      permission: 'package.edit',
      validInput: async (h) => ({ id: (await pendingRequest(h, 'approved')).request.id }),
    },
  },
};
