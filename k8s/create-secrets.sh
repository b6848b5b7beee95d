#!/usr/bin/env bash
# Creates the Secrets the plain manifests expect, with fresh random keys, in namespace $1
# (default: switchboard). Idempotent: an existing Secret is left alone (never rotate a vault
# master key by re-running this: see vault-service/README.md "Master-key rotation").
set -euo pipefail
ns="${1:-switchboard}"
release=switchboard
exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
rand() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if ! exists "$release-auth-keys"; then
  openssl genrsa -out "$tmp/signing-key.pem" 2048 2>/dev/null
  kubectl -n "$ns" create secret generic "$release-auth-keys" \
    --from-file=signing-key.pem="$tmp/signing-key.pem" --from-literal=totp-key="$(rand 32)"
fi
if ! exists "$release-vault-master-keys"; then
  printf 'switchboard.vault.master-keys.1=%s\n' "$(rand 32)" > "$tmp/master-keys.properties"
  kubectl -n "$ns" create secret generic "$release-vault-master-keys" \
    --from-file=master-keys.properties="$tmp/master-keys.properties"
fi
if ! exists "$release-service-clients"; then
  args=()
  for s in auth agent model skill vault pipeline; do
    args+=(--from-literal="$s-service=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)")
  done
  kubectl -n "$ns" create secret generic "$release-service-clients" "${args[@]}"
fi
for s in auth agent model skill vault pipeline; do
  if ! exists "$release-db-$s-service"; then
    kubectl -n "$ns" create secret generic "$release-db-$s-service" --type=kubernetes.io/basic-auth \
      --from-literal=username="switchboard_$s" --from-literal=password="$(rand 24 | tr -dc 'A-Za-z0-9')"
    kubectl -n "$ns" label secret "$release-db-$s-service" cnpg.io/reload=true
  fi
done
echo "Secrets ready in namespace $ns"
