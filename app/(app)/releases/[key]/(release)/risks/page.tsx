import type { Metadata } from 'next';
import { RiskRegister } from '../../_sections/risk-register';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'risks');
}

export default async function ReleaseRisksPage({ params }: PartParams) {
  const { ref, header } = await releaseForPart((await params).key, 'risks');
  return <RiskRegister r={{ ...ref, riskLevel: header.riskLevel, riskFactors: header.riskFactors, timezone: header.timezone }} />;
}
