{{/* The services of the suite: values key, port, database (empty: none). One place to add one. */}}
{{- define "switchboard.services" -}}
gateway: {key: gateway, port: 3005, database: ""}
auth-service: {key: authService, port: 8081, database: switchboard_auth}
agent-service: {key: agentService, port: 8082, database: switchboard_agent}
model-service: {key: modelService, port: 8083, database: switchboard_model}
skill-service: {key: skillService, port: 8084, database: switchboard_skill}
vault-service: {key: vaultService, port: 8085, database: switchboard_vault}
pipeline-service: {key: pipelineService, port: 8086, database: switchboard_pipeline}
{{- end -}}

{{/* <release>-<name>, at most 63 characters. */}}
{{- define "switchboard.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: switchboard
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "switchboard.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* registry/repository:tag, "-native" appended for native images. */}}
{{- define "switchboard.image" -}}
{{- $g := .root.Values.global -}}
{{- $tag := .values.image.tag | default $g.imageTag | default .root.Chart.AppVersion -}}
{{- if eq $g.imageVariant "native" }}{{ $tag = printf "%s-native" $tag }}{{ end -}}
{{- printf "%s/%s:%s" $g.imageRegistry .values.image.repository $tag -}}
{{- end -}}

{{- define "switchboard.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-kafka-bootstrap:9092" .Release.Name -}}
{{- else -}}
{{- required "kafka.external.bootstrapServers is required when kafka.strimzi.enabled=false" .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql -}}
{{- if $pg.cnpg.enabled -}}
{{- printf "jdbc:postgresql://%s-postgres-rw:5432/%s" .root.Release.Name .database -}}
{{- else -}}
{{- printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" (required "postgresql.external.host is required when postgresql.cnpg.enabled=false" $pg.external.host) $pg.external.port .database $pg.external.sslmode -}}
{{- end -}}
{{- end -}}

{{/*
A generated secret value (base64) kept across upgrades: the existing Secret's when the release
already has one (looked up in the cluster), else a new one of "kind": rsa (PKCS#1 PEM), bytes32
(base64 of 32 random bytes), alnum32, alnum43, vault-master-keys (a properties line). Generated
only when needed: an RSA key takes a while.
*/}}
{{- define "switchboard.keep" -}}
{{- $existing := dict -}}
{{- if .root.Values.secrets.lookupExisting -}}
{{- $existing = lookup "v1" "Secret" .root.Release.Namespace .secret | default dict -}}
{{- end -}}
{{- if and $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key -}}
{{- else if eq .kind "rsa" -}}
{{- genPrivateKey "rsa" | b64enc -}}
{{- else if eq .kind "bytes32" -}}
{{- randBytes 32 | b64enc -}}
{{- else if eq .kind "alnum32" -}}
{{- randAlphaNum 32 | b64enc -}}
{{- else if eq .kind "alnum43" -}}
{{- randAlphaNum 43 | b64enc -}}
{{- else if eq .kind "vault-master-keys" -}}
{{- printf "switchboard.vault.master-keys.1=%s\n" (randBytes 32) | b64enc -}}
{{- else -}}
{{- fail (printf "unknown secret kind %s" .kind) -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.authSecret" -}}
{{- .Values.secrets.authExistingSecret | default (printf "%s-auth-keys" .Release.Name) -}}
{{- end -}}
{{- define "switchboard.vaultSecret" -}}
{{- .Values.secrets.vaultExistingSecret | default (printf "%s-vault-master-keys" .Release.Name) -}}
{{- end -}}
{{- define "switchboard.clientsSecret" -}}
{{- .Values.secrets.serviceClientsExistingSecret | default (printf "%s-service-clients" .Release.Name) -}}
{{- end -}}

{{/* Keycloak: the server URL without a trailing slash (required when the federation is on). */}}
{{- define "switchboard.keycloakServer" -}}
{{- required "keycloak.serverUrl is required when keycloak.enabled=true" .Values.keycloak.serverUrl | trimSuffix "/" -}}
{{- end -}}

{{/* Keycloak: `iss` of the realm's tokens (auth-service verifies it, the gateway routes on it). */}}
{{- define "switchboard.keycloakIssuer" -}}
{{- $kc := .Values.keycloak -}}
{{- $kc.issuer | default (printf "%s/realms/%s" (include "switchboard.keycloakServer" .) (required "keycloak.realm is required when keycloak.enabled=true" $kc.realm)) -}}
{{- end -}}

{{/* Keycloak: the sign-in callback as the browser reaches it (through the Ingress by default). */}}
{{- define "switchboard.keycloakRedirectUri" -}}
{{- $ing := .Values.ingress -}}
{{- .Values.keycloak.login.redirectUri | default (printf "%s://%s/api/auth/oidc/callback" (ternary "https" "http" $ing.tls.enabled) $ing.host) -}}
{{- end -}}

{{/* A map key in a property name: as is when plain (so it overrides the same key of
application.properties), quoted when it holds anything else (a dot, a slash). */}}
{{- define "switchboard.propertyKey" -}}
{{- if regexMatch "^[A-Za-z0-9_-]+$" . }}{{ . }}{{ else }}"{{ . }}"{{ end -}}
{{- end -}}

{{/*
Keycloak: the role maps as a properties file (auth-service loads it through quarkus.config.locations):
map keys such as "eng/leads" or "app/admin" cannot be spelled as environment variable names. Ordinal
275: above application.properties (250), below the environment (300).
*/}}
{{- define "switchboard.keycloakMappings" -}}
config_ordinal=275
{{- $m := .Values.keycloak.mapping }}
{{- range $k, $v := $m.realmRoles }}
switchboard.auth.keycloak.mapping.realm-roles.{{ include "switchboard.propertyKey" $k }}={{ $v }}
{{- end }}
{{- range $k, $v := $m.clientRoles }}
switchboard.auth.keycloak.mapping.client-roles.{{ include "switchboard.propertyKey" $k }}={{ $v }}
{{- end }}
{{- range $k, $v := $m.groups }}
switchboard.auth.keycloak.mapping.groups.{{ include "switchboard.propertyKey" $k }}={{ $v }}
{{- end }}
{{- end -}}

{{/* Keycloak: auth-service's settings (ConfigMap entries; the secrets come from Secrets). */}}
{{- define "switchboard.keycloakEnv" -}}
{{- $kc := .Values.keycloak -}}
SWITCHBOARD_AUTH_KEYCLOAK_ENABLED: "true"
SWITCHBOARD_AUTH_KEYCLOAK_SERVER_URL: {{ include "switchboard.keycloakServer" . | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_REALM: {{ required "keycloak.realm is required when keycloak.enabled=true" $kc.realm | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_ISSUER: {{ include "switchboard.keycloakIssuer" . | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_ID: {{ $kc.admin.clientId | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_GRANT_TYPE: {{ $kc.admin.grantType | quote }}
{{- with $kc.admin.realm }}
SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_REALM: {{ . | quote }}
{{- end }}
{{- if eq $kc.admin.grantType "password" }}
SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_USERNAME: {{ required "keycloak.admin.username is required when keycloak.admin.grantType=password" $kc.admin.username | quote }}
{{- end }}
SWITCHBOARD_AUTH_KEYCLOAK_SYNC_ENABLED: {{ $kc.sync.enabled | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_SYNC_INTERVAL: {{ $kc.sync.interval | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_SYNC_MAX_BACKOFF: {{ $kc.sync.maxBackoff | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_SYNC_REQUIRED_ACTION: {{ $kc.sync.requiredAction | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_CLIENT_ID: {{ $kc.login.clientId | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_REDIRECT_URI: {{ include "switchboard.keycloakRedirectUri" . | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_SCOPE: {{ $kc.login.scope | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_STATE_LIFETIME: {{ $kc.login.stateLifetime | quote }}
{{- with $kc.login.acceptedClients }}
SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_ACCEPTED_CLIENTS: {{ join "," . | quote }}
{{- end }}
SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_MATCH_BY: {{ $kc.mapping.matchBy | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_UNKNOWN_USERS: {{ $kc.mapping.unknownUsers | quote }}
SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_DEFAULT_ROLES: {{ join "," $kc.mapping.defaultRoles | quote }}
QUARKUS_CONFIG_LOCATIONS: /etc/switchboard/keycloak/keycloak-mapping.properties
{{- end -}}
