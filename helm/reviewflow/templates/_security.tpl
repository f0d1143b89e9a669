{{/*
Security settings of one deployable as env entries: (list $ "api" | "worker-cpu" | "worker-gpu").
Secrets only as references. Payload keys go to all three (they must hold the same keys), the
approval-link secret to the API (serves and lists links) and worker-cpu (signs the links it sends),
the public URL to both, codec and OIDC settings to the API alone.
*/}}
{{- define "reviewflow.securityEnv" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- $security := $root.Values.security }}
{{- with $security.payloadEncryption.keysSecret.name }}
- name: REVIEWFLOW_PAYLOAD_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $security.payloadEncryption.keysSecret.key }}
{{- with $security.payloadEncryption.activeKeyId }}
- name: REVIEWFLOW_PAYLOAD_KEY_ID
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- if ne $component "worker-gpu" }}
{{- with $security.approvalLinks.secret.name }}
- name: REVIEWFLOW_APPROVAL_LINK_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $security.approvalLinks.secret.key }}
{{- end }}
{{- with $security.publicUrl }}
- name: {{ ternary "REVIEWFLOW_PUBLIC_URL" "REVIEWFLOW_PUBLIC_API_URL" (eq $component "api") }}
  value: {{ trimSuffix "/" . | quote }}
{{- end }}
{{- end }}
{{- if eq $component "api" }}
{{- with $security.codec.corsOrigins }}
{{- if not $security.payloadEncryption.keysSecret.name }}
{{- fail "security.codec.corsOrigins: the codec endpoint exists only with security.payloadEncryption.keysSecret" }}
{{- end }}
- name: REVIEWFLOW_CODEC_CORS_ORIGINS
  value: {{ join "," . | quote }}
{{- end }}
{{- with $security.codec.oidc }}
{{- if .issuer }}
{{- if not $security.payloadEncryption.keysSecret.name }}
{{- fail "security.codec.oidc: the codec endpoint exists only with security.payloadEncryption.keysSecret" }}
{{- end }}
- name: REVIEWFLOW_CODEC_OIDC_ISSUER
  value: {{ .issuer | quote }}
- name: REVIEWFLOW_CODEC_OIDC_AUDIENCE
  value: {{ required "security.codec.oidc.audience: the aud of the Web UI's access tokens" .audience | quote }}
- name: REVIEWFLOW_CODEC_OIDC_ALLOWED
  value: {{ required "security.codec.oidc.allowed: who may decode (claim=value,...)" .allowed | quote }}
- name: REVIEWFLOW_CODEC_OIDC_JWKS_FILE
  value: /etc/reviewflow/codec-oidc/{{ .jwks.key }}
{{- end }}
{{- end }}
{{- with $security.oidc.audience }}
- name: REVIEWFLOW_OIDC_AUDIENCE
  value: {{ . | quote }}
- name: REVIEWFLOW_OIDC_JWKS_FILE
  value: /etc/reviewflow/oidc/{{ $security.oidc.jwks.key }}
{{- with $security.oidc.issuer }}
- name: REVIEWFLOW_OIDC_ISSUER
  value: {{ . | quote }}
{{- end }}
{{- with $security.oidc.scopes }}
- name: REVIEWFLOW_OIDC_SCOPES
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The API's mounts of the OIDC issuers' JWKS (public keys, so ConfigMaps): CI tokens when OIDC is
on, the Web UI's provider when the codec takes its users' tokens.
*/}}
{{- define "reviewflow.oidcVolumeMounts" -}}
{{- if .Values.security.oidc.audience }}
- name: oidc-jwks
  mountPath: /etc/reviewflow/oidc
  readOnly: true
{{- end }}
{{- if .Values.security.codec.oidc.issuer }}
- name: codec-oidc-jwks
  mountPath: /etc/reviewflow/codec-oidc
  readOnly: true
{{- end }}
{{- end }}

{{- define "reviewflow.oidcVolumes" -}}
{{- if .Values.security.oidc.audience }}
- name: oidc-jwks
  configMap:
    name: {{ required "security.oidc.jwks.configMapName: the ConfigMap with the issuer's JWKS" .Values.security.oidc.jwks.configMapName }}
{{- end }}
{{- if .Values.security.codec.oidc.issuer }}
- name: codec-oidc-jwks
  configMap:
    name: {{ required "security.codec.oidc.jwks.configMapName: the ConfigMap with the Web UI provider's JWKS" .Values.security.codec.oidc.jwks.configMapName }}
{{- end }}
{{- end }}
