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
