{{/*
Everything one service runs as: ServiceAccount, ConfigMap, Deployment, Service, HPA, PDB,
NetworkPolicy and (toggle) ServiceMonitor. Called once per service by its own template file with
(dict "root" $ "name" "<service>").
*/}}
{{- define "switchboard.workload" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := index (include "switchboard.services" $root | fromYaml) $name -}}
{{- $values := index $root.Values $svc.key -}}
{{- if $values.enabled -}}
{{- $ctx := dict "root" $root "name" $name -}}
{{- $fullname := include "switchboard.name" $ctx -}}
{{- $kc := $root.Values.keycloak -}}
{{- $keycloak := and $kc.enabled (has $name (list "auth-service" "gateway")) -}}
{{- $config := $values -}}
{{- if $keycloak }}{{ $config = list $values $kc }}{{ end -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
data:
  QUARKUS_HTTP_PORT: {{ $svc.port | quote }}
  QUARKUS_SHUTDOWN_DELAY: "5S"
  QUARKUS_SHUTDOWN_TIMEOUT: "20S"
  KAFKA_BOOTSTRAP_SERVERS: {{ include "switchboard.kafkaBootstrap" $root | quote }}
  SWITCHBOARD_DATA_DIR: /tmp/switchboard
  SWITCHBOARD_SERVICE_GENERATE_SECRET: "false"
  JAVA_OPTS_APPEND: "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
  {{- if $svc.database }}
  QUARKUS_DATASOURCE_JDBC_URL: {{ include "switchboard.jdbcUrl" (dict "root" $root "database" $svc.database) | quote }}
  {{- end }}
  {{- if $root.Values.global.otlpEndpoint }}
  QUARKUS_OTEL_SDK_DISABLED: "false"
  QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ $root.Values.global.otlpEndpoint | quote }}
  {{- end }}
  {{- if eq $name "gateway" }}
  SWITCHBOARD_AUTH_URL: {{ printf "http://%s-auth-service:8081" $root.Release.Name | quote }}
  {{- end }}
  {{- range $other, $o := include "switchboard.services" $root | fromYaml }}
  {{- if and (ne $other "gateway") (ne $other $name) }}
  {{- $short := trimSuffix "-service" $other }}
  {{- if eq $name "gateway" }}
  SWITCHBOARD_GATEWAY_SERVICES_{{ upper $short }}_URL: {{ printf "http://%s-%s:%v" $root.Release.Name $other $o.port | quote }}
  {{- else }}
  SWITCHBOARD_{{ upper $short }}_URL: {{ printf "http://%s-%s:%v" $root.Release.Name $other $o.port | quote }}
  {{- end }}
  {{- end }}
  {{- end }}
  {{- if eq $name "auth-service" }}
  SWITCHBOARD_AUTH_SIGNING_PRIVATE_KEY_LOCATION: /etc/switchboard/auth/signing-key.pem
  SWITCHBOARD_AUTH_SIGNING_GENERATE_IF_MISSING: "false"
  SWITCHBOARD_AUTH_TOTP_GENERATE_KEY_IF_MISSING: "false"
  SWITCHBOARD_AUTH_SERVICE_TOKENS_CLIENTS_DIR: /etc/switchboard/service-clients
  SWITCHBOARD_AUTH_PASSKEY_RP_ID: {{ $values.passkey.rpId | quote }}
  SWITCHBOARD_AUTH_PASSKEY_ORIGINS: {{ $values.passkey.origins | quote }}
  {{- if $values.adminUsernames }}
  SWITCHBOARD_AUTH_ADMIN_USERNAMES: {{ $values.adminUsernames | quote }}
  {{- end }}
  {{- end }}
  {{- if $keycloak }}
  {{- /* A key also set in the service's env (the older way) is left to it: no duplicate key. */}}
  {{- $kcEnv := dict "SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER" (include "switchboard.keycloakIssuer" $root) }}
  {{- if eq $name "auth-service" }}{{ $kcEnv = include "switchboard.keycloakEnv" $root | fromYaml }}{{ end }}
  {{- range $k, $v := $kcEnv }}
  {{- if not (or (hasKey $values.env $k) (hasKey $root.Values.global.env $k)) }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  {{- end }}
  {{- end }}
  {{- if eq $name "vault-service" }}
  QUARKUS_CONFIG_LOCATIONS: /etc/switchboard/vault/master-keys.properties
  SWITCHBOARD_VAULT_GENERATE_MASTER_KEY_IF_MISSING: "false"
  {{- end }}
  {{- range $k, $v := $root.Values.global.env }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  {{- range $k, $v := $values.env }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
{{- if and $keycloak (eq $name "auth-service") }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $fullname }}-keycloak
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
data:
  keycloak-mapping.properties: |
    {{- include "switchboard.keycloakMappings" $root | nindent 4 }}
{{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
spec:
  {{- if not $values.autoscaling.enabled }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
  selector:
    matchLabels: {{- include "switchboard.selector" $ctx | nindent 6 }}
  template:
    metadata:
      labels: {{- include "switchboard.labels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ $config | toJson | sha256sum | trunc 16 }}
    spec:
      serviceAccountName: {{ $fullname }}
      automountServiceAccountToken: false
      # Longer than the drain: 5 s not ready + up to 20 s of in-flight work.
      terminationGracePeriodSeconds: 40
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets: {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        runAsGroup: 185
        fsGroup: 185
        seccompProfile: {type: RuntimeDefault}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {{- include "switchboard.selector" $ctx | nindent 14 }}
      containers:
        - name: {{ $name }}
          image: {{ include "switchboard.image" (dict "root" $root "values" $values) }}
          imagePullPolicy: {{ $root.Values.global.imagePullPolicy }}
          ports:
            - {name: http, containerPort: {{ $svc.port }}, protocol: TCP}
          envFrom:
            - configMapRef: {name: {{ $fullname }}}
          env:
            {{- if ne $name "gateway" }}
            - name: SWITCHBOARD_SERVICE_SECRET
              valueFrom:
                secretKeyRef: {name: {{ include "switchboard.clientsSecret" $root }}, key: {{ $name }}}
            {{- end }}
            {{- if $svc.database }}
            {{- if $root.Values.postgresql.cnpg.enabled }}
            - name: QUARKUS_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef: {name: {{ printf "%s-db-%s" $root.Release.Name $name }}, key: username}
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef: {name: {{ printf "%s-db-%s" $root.Release.Name $name }}, key: password}
            {{- else }}
            - name: QUARKUS_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef: {name: {{ required "postgresql.external.existingSecret is required" $root.Values.postgresql.external.existingSecret }}, key: {{ $name }}-username}
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef: {name: {{ $root.Values.postgresql.external.existingSecret }}, key: {{ $name }}-password}
            {{- end }}
            {{- end }}
            {{- if eq $name "auth-service" }}
            - name: SWITCHBOARD_AUTH_TOTP_ENCRYPTION_KEY
              valueFrom:
                secretKeyRef: {name: {{ include "switchboard.authSecret" $root }}, key: totp-key}
            {{- if and $keycloak $kc.admin.existingSecret }}
            # The admin API credential: never in values, always from the named Secret.
            - name: {{ ternary "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_PASSWORD" "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_SECRET" (eq $kc.admin.grantType "password") }}
              valueFrom:
                secretKeyRef: {name: {{ $kc.admin.existingSecret }}, key: {{ $kc.admin.secretKey }}}
            {{- end }}
            {{- if and $keycloak $kc.login.existingSecret }}
            - name: SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_CLIENT_SECRET
              valueFrom:
                secretKeyRef: {name: {{ $kc.login.existingSecret }}, key: {{ $kc.login.secretKey }}}
            {{- end }}
            {{- end }}
          # A JVM start can take tens of seconds on a busy node: liveness waits for the start-up probe.
          startupProbe:
            httpGet: {path: /health/started, port: http}
            periodSeconds: 2
            failureThreshold: 90
          livenessProbe:
            httpGet: {path: /health/live, port: http}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          # DOWN within two periods when PostgreSQL or Kafka is unreachable.
          readinessProbe:
            httpGet: {path: /health/ready, port: http}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          resources: {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            {{- if eq $name "auth-service" }}
            - {name: auth-keys, mountPath: /etc/switchboard/auth, readOnly: true}
            - {name: service-clients, mountPath: /etc/switchboard/service-clients, readOnly: true}
            {{- if $keycloak }}
            - {name: keycloak, mountPath: /etc/switchboard/keycloak, readOnly: true}
            {{- end }}
            {{- end }}
            {{- if eq $name "vault-service" }}
            - {name: vault-keys, mountPath: /etc/switchboard/vault, readOnly: true}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: 256Mi}
        {{- if eq $name "auth-service" }}
        - name: auth-keys
          secret:
            secretName: {{ include "switchboard.authSecret" $root }}
            defaultMode: 0400
            items: [{key: signing-key.pem, path: signing-key.pem}]
        - name: service-clients
          secret: {secretName: {{ include "switchboard.clientsSecret" $root }}, defaultMode: 0400}
        {{- if $keycloak }}
        - name: keycloak
          configMap: {name: {{ $fullname }}-keycloak}
        {{- end }}
        {{- end }}
        {{- if eq $name "vault-service" }}
        - name: vault-keys
          secret:
            secretName: {{ include "switchboard.vaultSecret" $root }}
            defaultMode: 0400
            items: [{key: master-keys.properties, path: master-keys.properties}]
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "switchboard.selector" $ctx | nindent 4 }}
  ports:
    - {name: http, port: {{ $svc.port }}, targetPort: http, protocol: TCP}
{{- if $values.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{ $fullname }}}
  minReplicas: {{ $values.autoscaling.minReplicas }}
  maxReplicas: {{ $values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: {{ $values.autoscaling.targetCPUUtilizationPercentage }}}
{{- end }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
spec:
  minAvailable: {{ $values.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels: {{- include "switchboard.selector" $ctx | nindent 6 }}
{{- if $root.Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $fullname }}
  labels: {{- include "switchboard.labels" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels: {{- include "switchboard.selector" $ctx | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    {{- if eq $name "gateway" }}
    # The gateway is the only way in: from anywhere (the ingress controller, other teams' callers).
    - ports: [{port: http, protocol: TCP}]
    {{- else }}
    # Services: only from the gateway and the other services of this release.
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: switchboard
              app.kubernetes.io/instance: {{ $root.Release.Name }}
      ports: [{port: http, protocol: TCP}]
    # Prometheus scrapes /metrics.
    - from:
        - namespaceSelector: {{- toYaml $root.Values.networkPolicy.metricsNamespaceSelector | nindent 12 }}
      ports: [{port: http, protocol: TCP}]
    {{- end }}
{{- end }}
{{- if $root.Values.monitoring.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ $fullname }}
  labels:
    {{- include "switchboard.labels" $ctx | nindent 4 }}
    {{- with $root.Values.monitoring.serviceMonitor.labels }}{{ toYaml . | nindent 4 }}{{ end }}
spec:
  selector:
    matchLabels: {{- include "switchboard.selector" $ctx | nindent 6 }}
  endpoints:
    - {port: http, path: /metrics, interval: {{ $root.Values.monitoring.serviceMonitor.interval }}}
{{- end }}
{{- end -}}
{{- end -}}
