// A real OpenID Provider (the certified npm package oidc-provider) for tests and local development, on loopback.
//   node deploy/oidc-test-provider.mjs PORT PATH_TO_OIDC_PROVIDER_PACKAGE
// Clients: "pm-native" (native, loopback redirect on any port, secret "pm-native-secret") and "pm-relay" (web client
// answering by form_post to the PasswordManager server's relay, secret "pm-relay-secret", redirect URI from
// PM_OIDC_RELAY_REDIRECT). There is no password: the interaction page signs in the account named by ?account=NAME
// and grants the requested scopes, so tests drive the whole code flow over HTTP.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [port, packageDir] = process.argv.slice(2);
if (!port || !packageDir) {
  console.error('usage: node oidc-test-provider.mjs PORT PATH_TO_OIDC_PROVIDER_PACKAGE');
  process.exit(2);
}
const { default: Provider } = await import(pathToFileURL(path.join(packageDir, 'lib', 'index.js')).href);
const issuer = `http://127.0.0.1:${port}`;
const relayRedirect = process.env.PM_OIDC_RELAY_REDIRECT || 'http://127.0.0.1:8080/api/v1/auth/oidc/callback';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'pm-native',
      client_secret: 'pm-native-secret',
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/callback'],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    {
      client_id: 'pm-relay',
      client_secret: 'pm-relay-secret',
      redirect_uris: [relayRedirect],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  // Like Google and Apple, put the requested claims (email) in the ID token itself.
  conformIdTokenClaims: false,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  cookies: { keys: ['pm-test-cookie-key'] },
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: `${id}@idp.test`, email_verified: true }),
  }),
});

const providerCallback = provider.callback();
http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
  if (!interaction) return providerCallback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const account = url.searchParams.get('account');
      if (!account) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('Sign in by adding ?account=NAME to this address.');
      }
      return await provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
