import type { Metadata } from 'next';
import { FreezeOverrides } from '../../_sections/freeze-overrides';
import { SchedulePanel } from '../../_sections/schedule-panel';
import { SLOT_FIRST_DAYS, SLOT_SEARCH_DAYS } from '@/lib/server/scheduling';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'schedule');
}

/** The windows per environment (with freezes, conflicts and free slots) and the freeze overrides. */
export default async function ReleaseSchedulePage({
  params,
  searchParams,
}: PartParams & { searchParams?: Promise<Record<string, string | string[] | undefined>> }) {
  const { ref, header } = await releaseForPart((await params).key, 'schedule');
  // ?slots=1: search free slots even though every window passes its checks;
  // ?slots=90: search the whole horizon (the page searches the first 14 days)
  const slots = (await searchParams)?.slots;
  const findSlots = slots === '1' || slots === String(SLOT_SEARCH_DAYS);
  const slotDays = slots === String(SLOT_SEARCH_DAYS) ? SLOT_SEARCH_DAYS : SLOT_FIRST_DAYS;
  return (
    <div className="space-y-6">
      <SchedulePanel release={ref} findSlots={findSlots} slotDays={slotDays} />
      <FreezeOverrides release={ref} timezone={header.timezone} />
    </div>
  );
}
