{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "ollama-guard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* `<release>-ollama-guard`, or the release name when it already contains the chart name. */}}
{{- define "ollama-guard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* `<fullname>-<component>`, kept within 63 characters. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "ollama-guard.componentName" -}}
{{- printf "%s-%s" (include "ollama-guard.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-") .component }}
{{- end }}

{{- define "ollama-guard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "ollama-guard.labels" -}}
helm.sh/chart: {{ include "ollama-guard.chart" . }}
app.kubernetes.io/name: {{ include "ollama-guard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ollama-guard
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "ollama-guard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ollama-guard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one component's resources. */}}
{{- define "ollama-guard.componentLabels" -}}
{{ include "ollama-guard.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "ollama-guard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ollama-guard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* image reference of a component. Call with (dict "root" $ "image" .Values.gateway.image). */}}
{{- define "ollama-guard.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" .image.repository ($tag | toString) }}
{{- end }}

{{- define "ollama-guard.pullPolicy" -}}
{{- .image.pullPolicy | default .root.Values.image.pullPolicy }}
{{- end }}

{{/* Names shared by several templates. */}}
{{- define "ollama-guard.gateway.fullname" -}}
{{- include "ollama-guard.componentName" (dict "root" . "component" "gateway") }}
{{- end }}
{{- define "ollama-guard.guard.fullname" -}}
{{- include "ollama-guard.componentName" (dict "root" . "component" "guard-inference") }}
{{- end }}
{{- define "ollama-guard.guard.headless" -}}
{{- include "ollama-guard.componentName" (dict "root" . "component" "guard-inference-headless") }}
{{- end }}

{{/* The gateway's gRPC target: every guard-inference pod through the headless Service, balanced round-robin by the client. */}}
{{- define "ollama-guard.guardUrl" -}}
{{- printf "dns:///%s.%s.svc.%s:%d" (include "ollama-guard.guard.headless" .) .Release.Namespace .Values.global.clusterDomain (int .Values.guardInference.port) }}
{{- end }}

{{/* The Secret holding the admin token and the API keys. */}}
{{- define "ollama-guard.secretName" -}}
{{- default (include "ollama-guard.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{/* Whether the chart creates that Secret. */}}
{{- define "ollama-guard.createSecret" -}}
{{- if and (not .Values.auth.existingSecret) (or .Values.auth.adminToken .Values.auth.apiKeys.enabled) }}true{{ end }}
{{- end }}

{{/* ---------------------------------------------------------------- Redis ---- */}}

{{/* Name of the bundled Redis: the subchart's own full name. */}}
{{- define "ollama-guard.redis.fullname" -}}
{{- $r := .Values.redis }}
{{- if $r.fullnameOverride }}
{{- $r.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default "redis" $r.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Whether an external Redis is configured. */}}
{{- define "ollama-guard.externalRedis.configured" -}}
{{- $e := .Values.externalRedis }}
{{- if or $e.host $e.sentinels $e.clusterNodes }}true{{ end }}
{{- end }}

{{/* Whether the apps use any Redis. */}}
{{- define "ollama-guard.redis.configured" -}}
{{- if or .Values.redis.enabled (include "ollama-guard.externalRedis.configured" .) }}true{{ end }}
{{- end }}

{{/* The Secret of the external Redis passwords, when there are any. */}}
{{- define "ollama-guard.externalRedis.secretName" -}}
{{- default (printf "%s-external-redis" (include "ollama-guard.fullname" .)) .Values.externalRedis.existingSecret }}
{{- end }}

{{/* REDIS_* environment variables of both apps. */}}
{{- define "ollama-guard.redis.env" -}}
{{- if .Values.redis.enabled }}
{{- $r := .Values.redis }}
{{- $name := include "ollama-guard.redis.fullname" . }}
{{- $domain := printf "%s.svc.%s" .Release.Namespace .Values.global.clusterDomain }}
{{- $secret := default $name $r.auth.existingSecret }}
{{- if eq $r.architecture "sentinel" }}
{{- $sentinels := list }}
{{- range $i := until (int $r.replicas) }}
{{- $sentinels = append $sentinels (printf "%s-node-%d.%s-headless.%s:%d" $name $i $name $domain (int $r.sentinel.port)) }}
{{- end }}
- name: REDIS_MODE
  value: sentinel
- name: REDIS_SENTINELS
  value: {{ join "," $sentinels | quote }}
- name: REDIS_SENTINEL_MASTER
  value: {{ $r.sentinel.masterSet | quote }}
{{- if $r.auth.enabled }}
- name: REDIS_SENTINEL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $r.auth.existingSecretPasswordKey }}
{{- end }}
{{- else }}
- name: REDIS_MODE
  value: standalone
- name: REDIS_HOST
  value: {{ printf "%s.%s" $name $domain | quote }}
- name: REDIS_PORT
  value: {{ $r.port | quote }}
{{- end }}
{{- if $r.auth.enabled }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $r.auth.existingSecretPasswordKey }}
{{- end }}
{{- else if include "ollama-guard.externalRedis.configured" . }}
{{- $e := .Values.externalRedis }}
- name: REDIS_MODE
  value: {{ $e.mode | quote }}
{{- if eq $e.mode "standalone" }}
- name: REDIS_HOST
  value: {{ $e.host | quote }}
- name: REDIS_PORT
  value: {{ $e.port | quote }}
{{- else if eq $e.mode "sentinel" }}
- name: REDIS_SENTINELS
  value: {{ join "," $e.sentinels | quote }}
- name: REDIS_SENTINEL_MASTER
  value: {{ $e.sentinelMaster | quote }}
{{- else }}
- name: REDIS_CLUSTER_NODES
  value: {{ join "," $e.clusterNodes | quote }}
{{- end }}
{{- if ne $e.mode "cluster" }}
- name: REDIS_DB
  value: {{ $e.db | quote }}
{{- end }}
{{- with $e.username }}
- name: REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- if or $e.password $e.existingSecret }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "ollama-guard.externalRedis.secretName" . }}
      key: {{ $e.existingSecretPasswordKey }}
{{- end }}
{{- if and (eq $e.mode "sentinel") (or $e.sentinelPassword (and $e.existingSecret $e.existingSecretSentinelPasswordKey)) }}
- name: REDIS_SENTINEL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "ollama-guard.externalRedis.secretName" . }}
      key: {{ default "redis-sentinel-password" $e.existingSecretSentinelPasswordKey }}
{{- end }}
{{- if $e.tls.enabled }}
- name: REDIS_TLS
  value: "true"
{{- end }}
{{- if $e.tls.sentinel }}
- name: REDIS_SENTINEL_TLS
  value: "true"
{{- end }}
{{- if $e.tls.caSecret }}
- name: REDIS_TLS_CA
  value: /etc/ollama-guard/redis-ca/{{ $e.tls.caKey }}
{{- end }}
{{- end }}
{{- end }}

{{/* Volumes and mounts both apps need for an external Redis CA. */}}
{{- define "ollama-guard.redis.volumes" -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.tls.caSecret }}
- name: redis-ca
  secret:
    secretName: {{ .Values.externalRedis.tls.caSecret }}
{{- end }}
{{- end }}
{{- define "ollama-guard.redis.volumeMounts" -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.tls.caSecret }}
- name: redis-ca
  mountPath: /etc/ollama-guard/redis-ca
  readOnly: true
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- Config ---- */}}

{{/* The configuration file: the chart's computed defaults, overridden by `.Values.config`. */}}
{{- define "ollama-guard.configFile" -}}
{{- $defaults := dict }}
{{- if include "ollama-guard.redis.configured" . }}
{{- $_ := set $defaults "cache" (dict "backend" "auto") }}
{{- $_ := set $defaults "rate_limit" (dict "backend" "auto") }}
{{- end }}
{{- $config := mergeOverwrite $defaults (deepCopy .Values.config) }}
{{- if $config }}
{{- toYaml $config }}
{{- else }}
{}
{{- end }}
{{- end }}

{{/* Environment shared by both apps. */}}
{{- define "ollama-guard.commonEnv" -}}
- name: CONFIG_FILE
  value: /etc/ollama-guard/config/config.yaml
- name: ADMIN_HOST
  value: "0.0.0.0"
{{- if or .Values.auth.existingSecret .Values.auth.adminToken }}
- name: ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "ollama-guard.secretName" . }}
      key: admin-token
      optional: {{ if .Values.auth.existingSecret }}true{{ else }}false{{ end }}
{{- end }}
{{- include "ollama-guard.redis.env" . }}
{{- if .Values.tracing.enabled }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ required "tracing.endpoint is required with tracing.enabled" .Values.tracing.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ .Values.tracing.protocol | quote }}
- name: OTEL_TRACES_SAMPLER
  value: {{ .Values.tracing.sampler | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ .Values.tracing.samplerArg | quote }}
{{- with .Values.tracing.resourceAttributes }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ . | quote }}
{{- end }}
{{- else }}
- name: OTEL_SDK_DISABLED
  value: "true"
{{- end }}
{{- end }}

{{/* Pod annotations that roll the pods when their configuration changes. */}}
{{- define "ollama-guard.checksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if include "ollama-guard.createSecret" . }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/* Default topology spread: zones, then nodes, never blocking scheduling. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "ollama-guard.topologySpread" -}}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "ollama-guard.selectorLabels" . | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "ollama-guard.selectorLabels" . | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end }}

{{/* `except` entries of an ipBlock for one address family. Call with (dict "cidrs" list "v6" bool). */}}
{{- define "ollama-guard.denied" -}}
{{- range .cidrs }}
{{- if eq (contains ":" .) $.v6 }}
- {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* "Anywhere but the denied addresses": both address families. */}}
{{- define "ollama-guard.anywhereButDenied" -}}
- ipBlock:
    cidr: 0.0.0.0/0
    {{- $v4 := include "ollama-guard.denied" (dict "cidrs" .Values.networkPolicy.deniedCidrs "v6" false) }}
    {{- if $v4 }}
    except:
      {{- $v4 | trim | nindent 6 }}
    {{- end }}
- ipBlock:
    cidr: ::/0
    {{- $v6 := include "ollama-guard.denied" (dict "cidrs" .Values.networkPolicy.deniedCidrs "v6" true) }}
    {{- if $v6 }}
    except:
      {{- $v6 | trim | nindent 6 }}
    {{- end }}
{{- end }}

{{/* Egress rules both apps share: DNS, the bundled Redis, extra rules. */}}
{{- define "ollama-guard.np.egressCommon" -}}
{{- $np := .Values.networkPolicy }}
# DNS: kube-dns pods, or a node-local cache on a link-local address; never the metadata service.
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  to:
    {{- if $np.dns.to }}
    {{- toYaml $np.dns.to | nindent 4 }}
    {{- else }}
    - namespaceSelector: {}
    {{- include "ollama-guard.anywhereButDenied" . | nindent 4 }}
    {{- end }}
{{- if .Values.redis.enabled }}
# The bundled Redis (and its Sentinels).
- to:
    - podSelector:
        matchLabels:
          app.kubernetes.io/name: {{ default "redis" .Values.redis.nameOverride }}
          app.kubernetes.io/instance: {{ .Release.Name }}
          app.kubernetes.io/component: redis
  ports:
    - port: {{ .Values.redis.port | default 6379 }}
      protocol: TCP
    {{- if eq .Values.redis.architecture "sentinel" }}
    - port: {{ .Values.redis.sentinel.port | default 26379 }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- with $np.extraEgress }}
{{ toYaml . }}
{{- end }}
{{- end }}
