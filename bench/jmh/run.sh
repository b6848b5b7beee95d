#!/usr/bin/env bash
# JMH micro-benchmarks, per core (@Threads(1)), measured side by side in one run:
#   - access-token signing (smallrye-jwt-build) and verification (jose4j JwtConsumer) for RS256
#     (2048-bit) vs ES256 (P-256), on a token with the platform's claims; token and key sizes;
#   - Argon2id at the platform's parameters (BouncyCastle, PasswordHasher's call), 1 and 2 threads.
# Usage: bench/jmh/run.sh [extra JMH args]   (standalone Maven project, not part of the reactor)
# Writes bench/results/jmh-tokens-<date>.md and prints it. Takes about 3 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="bench/results/jmh-tokens-$(date -u +%Y-%m-%d).md"
TMP="$(mktemp -d /tmp/switchboard-jmh.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
JAR=bench/jmh/target/benchmarks.jar

./mvnw -f bench/jmh/pom.xml -q package
java -cp "$JAR" io.switchboard.bench.TokenSizes 2>/dev/null > "$TMP/sizes.tsv"
# every benchmark has its own bounded warmup/measurement (3 x 2 s + 5 x 2 s, 1 fork)
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$JAR" -rf csv -rff "$TMP/jmh.csv" "$@" 'io.switchboard.bench.*' 2>&1 | tee "$TMP/jmh.log" >&2

python3 - "$TMP" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(date -u +%Y-%m-%dT%H:%MZ)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY' | tee "$OUT"
import csv, sys, re
tmp, cores, jdk, when, load_before, load_after = sys.argv[1:7]
rows = {}
with open(f"{tmp}/jmh.csv") as f:
    for r in csv.DictReader(f):
        name = r["Benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], r.get("Param: alg", ""))
        rows[key] = (float(r["Score"]), float(r["Score Error (99.9%)"] or 0), r["Threads"])
sizes = {}
with open(f"{tmp}/sizes.tsv") as f:
    for line in f:
        a, tok, sig, pub, jwk, priv, desc = line.rstrip("\n").split("\t")
        sizes[a] = dict(tok=int(tok), sig=int(sig), pub=int(pub), jwk=int(jwk), priv=int(priv), desc=desc)

def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"
def cell(k):
    s, e, _ = rows[k]
    return f"{fmt(s)} ± {fmt(e)}"

print(f"# Tokens (RS256 vs ES256) and Argon2id, JMH ({when})")
print()
print(f"{cores} cores (shared, noisy), {jdk}, JMH 1.37, Throughput mode, ops/s, 1 fork,")
print("3 warm-up x 2 s + 5 measurement x 2 s; ± is JMH's 99.9 % confidence interval.")
print(f"Machine load average (1/5/15 min) before: {load_before}, after: {load_after} — wide error bars are that noise.")
print("Libraries from the Quarkus 3.33.2 BOM: smallrye-jwt-build 4.6.3 (signing, as auth-service's")
print("TokenIssuer), jose4j 0.9.6 `JwtConsumer` (verification: signature, allowed algorithm, iss, aud,")
print("exp, iat, sub, jti, then `typ`; what smallrye-jwt's parser runs underneath), bcprov-jdk18on 1.84.")
print("Token claims as the platform's: iss, aud, sub, upn, groups [user], sid, typ=access, jti, iat, exp; kid header.")
print()
print("## Tokens, one thread (per core)")
print()
print("| algorithm | key | sign ops/s | verify ops/s | token bytes | signature (b64url) | public JWK bytes | public key (X.509) | private key (PKCS#8) |")
print("|---|---|---|---|---|---|---|---|---|")
for a in ("RS256", "ES256"):
    z = sizes[a]
    print(f"| {a} | {z['desc']} bit | {cell(('TokenBenchmark','sign',a))} | {cell(('TokenBenchmark','verify',a))} "
          f"| {z['tok']} | {z['sig']} | {z['jwk']} | {z['pub']} | {z['priv']} |")
rs_v, es_v = rows[("TokenBenchmark","verify","RS256")][0], rows[("TokenBenchmark","verify","ES256")][0]
rs_s, es_s = rows[("TokenBenchmark","sign","RS256")][0], rows[("TokenBenchmark","sign","ES256")][0]
print()
print(f"Side by side: RS256 verifies **{rs_v/es_v:.1f}x** as fast as ES256; ES256 signs **{es_s/rs_s:.1f}x** as fast as RS256;")
print(f"an ES256 token is {sizes['RS256']['tok'] - sizes['ES256']['tok']} bytes shorter ({sizes['ES256']['tok']} vs {sizes['RS256']['tok']}).")
print()
a1 = rows[("Argon2Benchmark","hash1Thread","")]
a2 = rows[("Argon2Benchmark","hash2Threads","")]
print("## Argon2id (m=19456 KiB, t=2, p=1, 32-byte hash, 16-byte salt)")
print()
print("| threads | hashes/s (= logins/s) | ms per hash per thread |")
print("|---|---|---|")
print(f"| 1 (per core) | {cell(('Argon2Benchmark','hash1Thread',''))} | {1000/a1[0]:.1f} |")
print(f"| 2 (both cores) | {cell(('Argon2Benchmark','hash2Threads',''))} | {2000/a2[0]:.1f} |")
print()
print(f"Each login verifies one Argon2id hash, so one core gives at most ~{a1[0]:.0f} logins/s; two cores imply")
print(f"~{2*a1[0]:.0f} logins/s (2 x per core) and measured {a2[0]:.0f}/s with two threads ({a2[0]/a1[0]:.2f}x one thread;")
print("memory bandwidth and the shared machine's other load take the rest), before HTTP, database and signing.")
print(f"One login's signature costs {1000/rs_s:.2f} ms (RS256) or {1000/es_s:.2f} ms (ES256) against {1000/a1[0]:.0f} ms of Argon2id.")
print()
print("## Decision")
print()
jver = re.search(r'"(\d+)\.(\d+)\.(\d+)', jdk)
fixed = jver and (int(jver.group(1)) > 17 or (int(jver.group(1)) == 17 and (int(jver.group(2)), int(jver.group(3))) >= (0, 3)))
if rs_v >= es_v:
    print(f"**RS256 (RSA 2048)** — keep it. Verification is what the platform does most: the gateway verifies")
    print(f"every new token (then trusts it from its cache until expiry) and every service verifies the token on")
    print(f"every request it serves; signing happens once per login, where it is noise next to Argon2id")
    print(f"({1000/rs_s:.2f} ms vs ~{1000/a1[0]:.0f} ms). RS256 verifies {rs_v/es_v:.1f}x faster per core than ES256")
    print(f"here. ES256's advantages are real but small for us: {sizes['RS256']['tok'] - sizes['ES256']['tok']} fewer bytes per request header")
    print(f"(well under the 8 KiB token cap either way), a {sizes['ES256']['jwk']}- instead of {sizes['RS256']['jwk']}-byte JWK, faster signing and key")
    print("generation. RS256 also carries no CVE-2022-21449 risk (\"psychic signatures\": JDK 15–17.0.2 accepted")
    print("ECDSA r=s=0): ES256 would need every JVM that verifies (gateway, services, clients) on 17.0.3+.")
else:
    print(f"**ES256 (P-256)** — verification is what the platform does most (the gateway for every new token,")
    print(f"every service on every request; signing once per login), and ES256 verifies {es_v/rs_v:.1f}x faster here;")
    print(f"it also signs faster and its tokens are {sizes['RS256']['tok'] - sizes['ES256']['tok']} bytes shorter. It needs every verifying JVM on")
    print("17.0.3+ (CVE-2022-21449, ECDSA r=s=0 accepted by JDK 15–17.0.2); the hostile-token suite tests r=s=0.")
print()
print(f"CVE-2022-21449 check of this JDK ({jdk}): {'fixed (17.0.3+)' if fixed else 'VULNERABLE or unknown: do not use ES256 on it'}.")
print()
print("<details><summary>JMH summary as printed</summary>")
print()
print("```")
with open(f"{tmp}/jmh.log") as f:
    lines = f.read().splitlines()
start = next((i for i, l in enumerate(lines) if l.startswith("Benchmark ")), len(lines))
for l in lines[start:]:
    print(l)
print("```")
print()
print("</details>")
PY
