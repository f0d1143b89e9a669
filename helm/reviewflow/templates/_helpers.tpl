{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "reviewflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "reviewflow.fullname" -}}
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

{{/* Name of one deployable's objects: (list $ "api") -> <fullname>-api. */}}
{{- define "reviewflow.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "reviewflow.fullname" $root | trunc 50 | trimSuffix "-") (index . 1) }}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "reviewflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "reviewflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: reviewflow
{{- end }}

{{/* Labels of one deployable's objects: (list $ "api"). */}}
{{- define "reviewflow.componentLabels" -}}
{{ include "reviewflow.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Selector labels of one deployable, stable across upgrades: (list $ "api"). */}}
{{- define "reviewflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "reviewflow.name" (index . 0) }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* The image of a deployable: (list $ .Values.api.image). */}}
{{- define "reviewflow.image" -}}
{{- $root := index . 0 }}
{{- $image := index . 1 }}
{{- $repository := $image.repository }}
{{- with $root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- if $image.digest }}
{{- printf "%s@%s" $repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (toString ($image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion)) }}
{{- end }}
{{- end }}

{{- define "reviewflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "reviewflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "reviewflow.configMapName" -}}
{{- printf "%s-config" (include "reviewflow.fullname" .) }}
{{- end }}

{{- define "reviewflow.artifactsClaimName" -}}
{{- default (printf "%s-artifacts" (include "reviewflow.fullname" .)) .Values.artifacts.persistence.existingClaim }}
{{- end }}

{{/*
Seconds Kubernetes waits between starting a pod's termination and killing it: the preStop sleep,
then the app's own shutdown grace after SIGTERM, then a margin. Computed, so it can never be
shorter than the grace the app was given: (list $ .Values.workerCpu).
*/}}
{{- define "reviewflow.terminationGracePeriodSeconds" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- add (int $component.preStopSleepSeconds) (int $component.shutdownGraceSeconds) (int $root.Values.terminationGraceMarginSeconds) }}
{{- end }}

{{/* Shared pod settings: (list $ .Values.api "api"). Goes at the pod spec's indentation. */}}
{{- define "reviewflow.podSettings" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
serviceAccountName: {{ include "reviewflow.serviceAccountName" $root }}
automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ include "reviewflow.terminationGracePeriodSeconds" (list $root $component) }}
{{- with $component.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with $component.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $component.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $component.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $component.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Pod template metadata: (list $ .Values.api "api"). Config changes roll the pods. */}}
{{- define "reviewflow.podMetadata" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
labels:
  {{- include "reviewflow.selectorLabels" (list $root (index . 2)) | nindent 2 }}
  {{- with $component.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
annotations:
  checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
  {{- with $component.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/*
Environment shared by every container, then the deployable's own: (list $ .Values.api). The
Temporal settings come from the ConfigMap (envFrom); credentials only as Secret references.
*/}}
{{- define "reviewflow.sharedEnv" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- with $root.Values.temporal.apiKeySecret.name }}
- name: TEMPORAL_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $root.Values.temporal.apiKeySecret.key }}
{{- end }}
{{- range $name, $value := merge (dict) ($component.env | default dict) ($root.Values.env | default dict) }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- range concat ($root.Values.secretEnv | default list) ($component.secretEnv | default list) }}
- name: {{ required "secretEnv entries need a name" .name }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "secretEnv %s needs a secretName" .name) .secretName }}
      key: {{ required (printf "secretEnv %s needs a key" .name) .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/* envFrom of every container: the shared ConfigMap first, so explicit entries win. */}}
{{- define "reviewflow.envFrom" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
- configMapRef:
    name: {{ include "reviewflow.configMapName" $root }}
{{- with concat ($root.Values.envFrom | default list) ($component.envFrom | default list) }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Mounts every container has: /tmp and the Temporal certificates. */}}
{{- define "reviewflow.sharedVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.temporal.tls.clientCertSecret }}
- name: temporal-client-cert
  mountPath: /etc/reviewflow/temporal/client
  readOnly: true
{{- end }}
{{- if .Values.temporal.tls.caSecret }}
- name: temporal-ca
  mountPath: /etc/reviewflow/temporal/ca
  readOnly: true
{{- end }}
{{- end }}

{{/* The volumes behind reviewflow.sharedVolumeMounts. */}}
{{- define "reviewflow.sharedVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- with .Values.temporal.tls.clientCertSecret }}
- name: temporal-client-cert
  secret:
    secretName: {{ . }}
    defaultMode: 0440
{{- end }}
{{- with .Values.temporal.tls.caSecret }}
- name: temporal-ca
  secret:
    secretName: {{ . }}
    defaultMode: 0444
{{- end }}
{{- end }}

{{/* The artifact store volume of the workers. */}}
{{- define "reviewflow.artifactsVolume" -}}
- name: artifacts
  {{- if .Values.artifacts.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "reviewflow.artifactsClaimName" . }}
  {{- else }}
  # Only for a single worker pod per deployable on one node: worker-cpu and worker-gpu do not share it.
  emptyDir: {}
  {{- end }}
{{- end }}

{{/*
The workers' liveness (and readiness) probe: the file the worker rewrites every 10 s must be younger
than maxAgeSeconds. find, sh and test are in every Debian image; nothing asks Temporal.
(list $ .Values.workerCpu)
*/}}
{{- define "reviewflow.workerProbe" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
exec:
  command:
    - sh
    - -c
    - {{ printf "test -n \"$(find %s -newermt '-%d seconds' 2>/dev/null)\"" $root.Values.workerLiveness.file (int $root.Values.workerLiveness.maxAgeSeconds) | quote }}
periodSeconds: {{ $component.probe.periodSeconds }}
timeoutSeconds: {{ $component.probe.timeoutSeconds }}
failureThreshold: {{ $component.probe.failureThreshold }}
{{- end }}

{{/* A preStop sleep when asked for one: (list .Values.api). */}}
{{- define "reviewflow.lifecycle" -}}
{{- $component := index . 0 }}
{{- if gt (int $component.preStopSleepSeconds) 0 }}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ int $component.preStopSleepSeconds }}"]
{{- end }}
{{- end }}
