import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Digest, When } from '@/components/ui/text';

export function PackageSection({ r }: { r: ReleaseDetailDto }) {
  const p = r.package;
  return (
    <Section id="package" title="Package" count={p?.items.length ?? 0} bare>
      {!p ? (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>No package assembled yet.</Nothing>
        </div>
      ) : (
        <div className="space-y-3">
          <div className="rounded-md border border-gray-200 bg-white p-3 text-sm">
            {p.sealedDigest ? (
              <div className="space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone="green">Sealed</Badge>
                  <span className="text-gray-700">
                    revision {p.revision}
                    {p.sealedAt ? (
                      <>
                        , <When iso={p.sealedAt} zone={r.timezone} />
                      </>
                    ) : null}
                    {p.sealedBy ? ` by ${p.sealedBy}` : ''}
                  </span>
                </p>
                <p>
                  <span className="text-xs font-medium text-gray-700">Manifest digest </span>
                  <Digest value={p.sealedDigest} full />
                </p>
              </div>
            ) : (
              <p className="flex items-center gap-2">
                <Badge tone="amber">Not sealed</Badge>
                <span className="text-gray-700">The package must be sealed before the release is submitted for approval.</span>
              </p>
            )}
          </div>
          {p.items.length ? (
            <Table caption="Builds in the package">
              <THead>
                <tr>
                  <Th>Component</Th>
                  <Th>Version</Th>
                  <Th>Artifact digest</Th>
                  <Th>Build notes</Th>
                  <Th>Produced by</Th>
                </tr>
              </THead>
              <TBody>
                {p.items.map((i) => (
                  <Tr key={i.component}>
                    <Td className="whitespace-nowrap">
                      <span className="font-mono text-xs font-semibold">{i.component}</span>
                      <span className="ml-1 text-xs text-gray-700">tier {i.tier}</span>
                    </Td>
                    <Td className="font-mono text-xs whitespace-nowrap">
                      {i.component}@{i.version}
                    </Td>
                    <Td>
                      <Digest value={i.artifactDigest} />
                    </Td>
                    <Td className="max-w-lg text-xs">
                      {i.notes ? <p className="whitespace-pre-line">{i.notes}</p> : <span className="text-gray-700">No notes</span>}
                      {i.workItems.length ? (
                        <ul className="mt-1 flex flex-wrap gap-1">
                          {i.workItems.map((w) => (
                            <li key={w.key}>
                              {w.url ? (
                                <a href={w.url} className="link font-mono" rel="noreferrer noopener" target="_blank">
                                  {w.key}
                                  <span className="sr-only"> (opens in a new tab)</span>
                                </a>
                              ) : (
                                <span className="font-mono">{w.key}</span>
                              )}
                              {w.title ? <span className="text-gray-700"> {w.title}</span> : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </Td>
                    <Td className="text-xs">
                      {i.producedBy}
                      {i.sourceCommit ? (
                        <span className="block font-mono text-gray-700">
                          {i.sourceBranch ? `${i.sourceBranch} @ ` : ''}
                          {i.sourceCommit.slice(0, 10)}
                        </span>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <div className="rounded-md border border-gray-200 bg-white p-3">
              <Nothing>The package has no builds yet.</Nothing>
            </div>
          )}
        </div>
      )}
    </Section>
  );
}
