import { apiRoute, ApiError, jsonResponse, methodNotAllowed } from '@/lib/server/api';
import { getApprovalSummary } from '@/lib/server/approvals';
import { releaseDeployments } from '@/lib/server/deployments';
import { getPackageView } from '@/lib/server/packages';
import { getRelease, lookupRelease } from '@/lib/server/releases';
import { getReleaseGates } from '@/lib/server/transitions';

export const dynamic = 'force-dynamic';

/** One release with its package, the gates of every transition open to it, its risks and its approvals. */
export const GET = apiRoute<{ key: string }>(async ({ actor, meta, params }) => {
  const key = String(params.key ?? '').toUpperCase();
  const notFound = new ApiError(
    404,
    'not_found',
    `Release ${String(params.key ?? '').slice(0, 40)} was not found, or you may not see it. Keys look like REL-12.`,
  );
  // the key is resolved once; then one read after another, each checking the caller's permission itself
  const ref = await lookupRelease(actor, key);
  if (!ref) throw notFound;
  const r = await getRelease(actor, ref);
  if (!r) throw notFound;
  const pkg = await getPackageView(actor, ref);
  const gates = await getReleaseGates(actor, ref);
  if (!gates) throw notFound;
  const approvals = await getApprovalSummary(actor, ref);
  if (!approvals) throw notFound;
  const deployments = await releaseDeployments(actor, ref);
  return jsonResponse(meta.requestId, {
    release: {
      id: r.id,
      key: r.key,
      number: r.number,
      title: r.title,
      type: r.type,
      status: r.status,
      riskLevel: r.riskLevel,
      owner: r.owner,
      environments: r.environments,
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      timezone: r.timezone,
      version: r.version,
      requester: r.requester,
      description: r.description,
      businessJustification: r.businessJustification,
      submittedAt: r.submittedAt,
      approvedAt: r.approvedAt,
      closedAt: r.closedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    },
    package: pkg?.package
      ? {
          sealedDigest: pkg.package.sealedDigest,
          sealedAt: pkg.package.sealedAt,
          revision: pkg.package.revision,
          items: pkg.items.map((i) => ({
            component: i.component,
            tier: i.tier,
            buildId: i.buildId,
            version: i.version,
            digest: i.digest,
            producedBy: i.producedBy,
            sourceCommit: i.sourceCommit,
            sourceBranch: i.sourceBranch,
            addedAt: i.addedAt,
          })),
          compatibility: pkg.compatibility,
          integrity: pkg.integrity,
        }
      : null,
    gates,
    risks: { noKnownRisks: r.noKnownRisks, assessedAt: r.risksAssessedAt, items: r.risks },
    approvals,
    deployments: deployments ?? [],
  });
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
