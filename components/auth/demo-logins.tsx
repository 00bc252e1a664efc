const ACCOUNTS: { email: string; what: string }[] = [
  { email: 'admin@relm.test', what: 'Admin: users, teams, audit trail' },
  { email: 'manager@relm.test', what: 'Release manager' },
  { email: 'approver@relm.test', what: 'Approver' },
  { email: 'cab@relm.test', what: 'Approver (CAB member)' },
  { email: 'ops@relm.test', what: 'Operations' },
  { email: 'viewer@relm.test', what: 'Viewer (read only)' },
];

/** The demo organisation's accounts, so a first visitor can look around. */
export function DemoLogins() {
  return (
    <aside aria-labelledby="demo-logins-heading" className="mt-4 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-gray-900">
      <h2 id="demo-logins-heading" className="font-semibold">
        Demo logins
      </h2>
      <p className="mt-1 text-gray-800">
        Every demo account uses the password <code className="rounded bg-white px-1 font-mono text-xs whitespace-nowrap">relm-demo-password</code>.
      </p>
      <ul className="mt-2 space-y-1">
        {ACCOUNTS.map((a) => (
          <li key={a.email} className="flex flex-wrap justify-between gap-x-3">
            <code className="font-mono text-xs leading-5">{a.email}</code>
            <span className="text-xs leading-5 text-gray-700">{a.what}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
