{{- define "blastwall.name" -}}blastwall-webhook{{- end }}

{{- define "blastwall.labels" -}}
app.kubernetes.io/name: {{ include "blastwall.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "blastwall.selector" -}}
app.kubernetes.io/name: {{ include "blastwall.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "blastwall.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
{{- end }}

{{- define "blastwall.dnsName" -}}
{{ include "blastwall.name" . }}.{{ .Release.Namespace }}.svc
{{- end }}
