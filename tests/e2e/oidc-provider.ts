// A real OpenID Connect identity provider (the oidc-provider package) for the end-to-end tests,
// started by playwright.config.ts beside Relm on a loopback port. Its own development login
// and consent pages stand in for Keycloak's or Entra ID's: any password is accepted, the
// login picks one of the accounts below. Not for anything but tests.
import Provider from 'oidc-provider';

const port = Number(process.env.E2E_OIDC_PORT ?? 3220);
const relm = process.env.E2E_RELM_URL ?? 'http://127.0.0.1:3210';
const issuer = `http://127.0.0.1:${port}`;

/** The identity provider's people (by login) and the groups claim it sends for each. */
export const ACCOUNTS: Record<string, { email: string; name: string; groups: string[]; emailVerified?: boolean }> = {
  dana: { email: 'dana@idp.relm.test', name: 'Dana SSO', groups: ['relm-operations', 'staff'] },
  casey: { email: 'casey@idp.relm.test', name: 'Casey Contractor', groups: ['contractors'] },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'relm-e2e',
      client_secret: 'relm-e2e-client-secret-not-for-production',
      redirect_uris: [`${relm}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // the groups claim comes with the profile scope, as a Keycloak "groups" mapper adds it
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  // the claims in the ID token itself (next-auth reads the ID token), as Keycloak and Entra ID do
  conformIdTokenClaims: false,
  cookies: { keys: ['relm-e2e-oidc-cookie-key-not-for-production'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(_ctx, sub) {
    const account = ACCOUNTS[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups };
      },
    };
  },
});
// the development login page warns about itself at every start: expected here
provider.on('server_error', (_ctx, err) => console.error('[oidc-provider]', err));
provider.on('grant.error', (_ctx, err) =>
  console.error('[oidc-provider] token request refused:', err.message, (err as { error_detail?: string }).error_detail ?? ''),
);

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`[oidc-provider] test identity provider at ${issuer} for ${relm}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
