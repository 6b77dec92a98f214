{{/*
The prefix of every resource name and the value of the `app` label (taskflow unless nameOverride says otherwise).
*/}}
{{- define "taskflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "taskflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels on every resource: `app` groups the whole app, the app.kubernetes.io ones tell tools which release owns it.
*/}}
{{- define "taskflow.labels" -}}
app: {{ include "taskflow.name" . }}
helm.sh/chart: {{ include "taskflow.chart" . }}
app.kubernetes.io/name: {{ include "taskflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
Selector of one component; call with (dict "root" $ "component" "backend"). Deployments and Services share it.
*/}}
{{- define "taskflow.selectorLabels" -}}
app: {{ include "taskflow.name" .root }}
component: {{ .component }}
{{- end -}}

{{- define "taskflow.componentLabels" -}}
{{ include "taskflow.labels" .root }}
component: {{ .component }}
{{- end -}}

{{- define "taskflow.backend.name" -}}
{{- printf "%s-backend" (include "taskflow.name" .) -}}
{{- end -}}

{{- define "taskflow.frontend.name" -}}
{{- printf "%s-frontend" (include "taskflow.name" .) -}}
{{- end -}}

{{- define "taskflow.backend.serviceName" -}}
{{- default (printf "%s-backend-service" (include "taskflow.name" .)) .Values.backend.service.name -}}
{{- end -}}

{{- define "taskflow.frontend.serviceName" -}}
{{- default (printf "%s-frontend-service" (include "taskflow.name" .)) .Values.frontend.service.name -}}
{{- end -}}

{{- define "taskflow.backend.secretName" -}}
{{- default (printf "%s-backend-secret" (include "taskflow.name" .)) .Values.backend.secret.existingSecret -}}
{{- end -}}

{{- define "taskflow.frontend.secretName" -}}
{{- default (printf "%s-frontend-secret" (include "taskflow.name" .)) .Values.frontend.secret.existingSecret -}}
{{- end -}}

{{/*
The backend's in-cluster URL, as the frontend and the init container reach it.
*/}}
{{- define "taskflow.backend.url" -}}
{{- printf "http://%s:%v" (include "taskflow.backend.serviceName" .) .Values.backend.service.port -}}
{{- end -}}

{{/*
A ConfigMap's data, refusing keys that look like secrets; call with (dict "config" .Values.x.config "where" "x.config").
*/}}
{{- define "taskflow.configData" -}}
{{- range $key, $value := .config }}
{{- if regexMatch "(?i)(^DATABASE_URL$|SECRET|PASSWORD|API_KEY$)" $key }}
{{- fail (printf "%s.%s looks like a secret: put it under `secrets` so it lands in a Secret, not a ConfigMap" $.where $key) }}
{{- end }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/*
With secrets.required on, stops the install naming every empty value the rendered Secrets need (names, never values).
*/}}
{{- define "taskflow.requireSecrets" -}}
{{- if .Values.secrets.required -}}
{{- $fields := list -}}
{{- if not .Values.backend.secret.existingSecret -}}
{{- $fields = list "databaseUrl" "authSecret" "llmApiKey" "corsOrigins" -}}
{{- end -}}
{{- if and .Values.frontend.secret.enabled (not .Values.frontend.secret.existingSecret) -}}
{{- $fields = append $fields "authSecret" | uniq -}}
{{- end -}}
{{- $missing := list -}}
{{- range $fields -}}
{{- if not (index $.Values.secrets .) -}}
{{- $missing = append $missing (printf "secrets.%s (%s)" . (index $.Values.secrets.keys .)) -}}
{{- end -}}
{{- end -}}
{{- if $missing -}}
{{- fail (printf "secrets.required is true and these are empty: %s. Pass them at install time, e.g. -f values-local.yaml (kept out of git) or --set-string secrets.%s=..." (join ", " $missing) (index $fields 0)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
One secret value as a string (empty when not given).
*/}}
{{- define "taskflow.secretValue" -}}
{{- index .root.Values.secrets .field | default "" | toString -}}
{{- end -}}

{{/*
BETTER_AUTH_SECRET, checked for length when given (the length is told, never the value).
*/}}
{{- define "taskflow.authSecret" -}}
{{- $value := include "taskflow.secretValue" (dict "root" . "field" "authSecret") -}}
{{- $min := int .Values.secrets.minAuthSecretLength -}}
{{- if and $value (lt (len $value) $min) -}}
{{- fail (printf "secrets.authSecret (%s) has %d characters; it needs at least %d" .Values.secrets.keys.authSecret (len $value) $min) -}}
{{- end -}}
{{- $value -}}
{{- end -}}

{{/*
Probes for a component; call with (dict "probes" .Values.x.probes).
*/}}
{{- define "taskflow.probes" -}}
livenessProbe:
  httpGet:
    path: {{ .probes.path }}
    port: http
  {{- toYaml .probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: {{ .probes.path }}
    port: http
  {{- toYaml .probes.readiness | nindent 2 }}
startupProbe:
  httpGet:
    path: {{ .probes.path }}
    port: http
  {{- toYaml .probes.startup | nindent 2 }}
{{- end -}}
