import type { Metadata } from 'next';
import { PlanTasks } from '../../_sections/plan-tasks';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'plan');
}

/** The plan tasks and, below them, their timeline with the critical path. */
export default async function ReleasePlanPage({ params }: PartParams) {
  const { ref } = await releaseForPart((await params).key, 'plan');
  return <PlanTasks r={ref} />;
}
