import type { Metadata } from 'next';
import Image from 'next/image';
import { DemoLogins } from '@/components/auth/demo-logins';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <>
      <div className="mb-6 flex items-center gap-2">
        <Image src="/logo.svg" alt="" width={32} height={32} unoptimized loading="eager" className="size-8" />
        <span className="text-lg font-semibold text-gray-900">Relm</span>
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold text-gray-900">Sign in</h1>
        <p className="mb-4 text-sm text-gray-700">Release management for your organisation.</p>
        <SignInForm action={signInAction} />
      </div>
      <DemoLogins />
    </>
  );
}
