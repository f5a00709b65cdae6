{{- define "pm.fullname" -}}{{ .Release.Name }}-passwordmanager{{- end -}}
{{- define "pm.labels" -}}
app.kubernetes.io/name: passwordmanager
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "pm.secretName" -}}{{ .Values.secrets.existingSecret | default (include "pm.fullname" .) }}{{- end -}}
{{- define "pm.port" -}}{{ if eq .Values.tls.termination "pod" }}8443{{ else }}8080{{ end }}{{- end -}}
{{- define "pm.scheme" -}}{{ if eq .Values.tls.termination "pod" }}HTTPS{{ else }}HTTP{{ end }}{{- end -}}
{{/* The API's environment, shared by the Deployment and the migration Job. */}}
{{- define "pm.env" -}}
- name: DataDirectory
  value: /data
- name: BlobStore__Kind
  value: S3
- name: BlobStore__S3__Endpoint
  value: {{ .Values.s3.endpoint | quote }}
- name: BlobStore__S3__Bucket
  value: {{ .Values.s3.bucket | quote }}
- name: BlobStore__S3__Region
  value: {{ .Values.s3.region | quote }}
- name: BlobStore__S3__UseSsl
  value: {{ .Values.s3.useSsl | quote }}
{{- range $name, $key := dict "ConnectionStrings__Postgres" "ConnectionStrings__Postgres" "BlobStore__S3__AccessKey" "s3-access-key" "BlobStore__S3__SecretKey" "s3-secret-key" "Auth__Jwt__SigningKey" "jwt-signing-key" "Auth__PreloginSecret" "prelogin-secret" "Auth__ApiKeyPepper" "api-key-pepper" "Encryption__MasterKey" "encryption-master-key" }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "pm.secretName" $ }}
      key: {{ $key }}
{{- end }}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}
