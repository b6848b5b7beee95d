// The browser side of the passkey ceremonies, as a web app would write it: options from the
// service, navigator.credentials.create/get, and the JSON forms of the answers posted back.
window.passkeys = (() => {
  const b64u = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const bytes = (text) => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  const descriptors = (list) =>
    (list || []).map((c) => ({ type: c.type, id: bytes(c.id), transports: c.transports }));
  const post = async (path, body, token) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };

  async function register(token, name) {
    const options = (await post('/api/auth/passkey/register/options', {}, token)).body;
    const credential = await navigator.credentials.create({
      publicKey: {
        rp: options.rp,
        user: { ...options.user, id: bytes(options.user.id) },
        challenge: bytes(options.challenge),
        pubKeyCredParams: options.pubKeyCredParams,
        timeout: options.timeout,
        excludeCredentials: descriptors(options.excludeCredentials),
        authenticatorSelection: options.authenticatorSelection,
        attestation: options.attestation,
      },
    });
    return post('/api/auth/passkey/register', {
      challengeId: options.challengeId,
      name,
      credential: {
        id: credential.id,
        rawId: b64u(credential.rawId),
        type: credential.type,
        response: {
          clientDataJSON: b64u(credential.response.clientDataJSON),
          attestationObject: b64u(credential.response.attestationObject),
          transports: credential.response.getTransports(),
        },
        clientExtensionResults: credential.getClientExtensionResults(),
      },
    }, token);
  }

  async function signIn(username) {
    const options = (await post('/api/auth/passkey/authenticate/options',
      username ? { username } : {})).body;
    const credential = await navigator.credentials.get({
      publicKey: {
        challenge: bytes(options.challenge),
        timeout: options.timeout,
        rpId: options.rpId,
        allowCredentials: descriptors(options.allowCredentials),
        userVerification: options.userVerification,
      },
    });
    const response = credential.response;
    return post('/api/auth/passkey/authenticate', {
      challengeId: options.challengeId,
      credential: {
        id: credential.id,
        rawId: b64u(credential.rawId),
        type: credential.type,
        response: {
          clientDataJSON: b64u(response.clientDataJSON),
          authenticatorData: b64u(response.authenticatorData),
          signature: b64u(response.signature),
          userHandle: response.userHandle ? b64u(response.userHandle) : null,
        },
        clientExtensionResults: credential.getClientExtensionResults(),
      },
    });
  }

  return { register, signIn };
})();
'ready';
