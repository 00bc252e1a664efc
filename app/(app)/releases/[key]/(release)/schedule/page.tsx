import type { Metadata } from 'next';
import { FreezeOverrides } from '../../_sections/freeze-overrides';
import { SchedulePanel } from '../../_sections/schedule-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'schedule');
}

/** The windows per environment (with freezes, conflicts and free slots) and the freeze overrides. */
export default async function ReleaseSchedulePage({ params }: PartParams) {
  const { ref, header } = await releaseForPart((await params).key, 'schedule');
  return (
    <div className="space-y-6">
      <SchedulePanel release={ref} />
      <FreezeOverrides release={ref} timezone={header.timezone} />
    </div>
  );
}
