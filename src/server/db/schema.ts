import type { Generated } from 'kysely';

// Row types of every table. Instants are ISO 8601 UTC strings with milliseconds and `Z` (they sort
// as text on both dialects); flags are 0/1 integers; ids are UUIDs unless a key is user-visible.

export interface SitesTable {
  id: string;
  key: string;
  /** NFKC + case-folded key, unique. */
  key_norm: string;
  name: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  time_zone: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MachinesTable {
  id: string;
  /** The plant's own key, as entered (trimmed). */
  machine_id: string;
  /** NFKC + case-folded machine_id, unique per installation. */
  machine_id_norm: string;
  name: string;
  site_id: string;
  version: number;
  created_at: string;
  updated_at: string;
  decommissioned_at: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  username_norm: string;
  display_name: string;
  email: string | null;
  /** Printed on protocols, e.g. "Elektrofachkraft". */
  qualification: string | null;
  language: 'de' | 'en';
  /** Company of vendor accounts. */
  company: string | null;
  auth_source: 'local' | 'ldap' | 'oidc';
  external_subject: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  disabled: number;
  locked_until: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export type ScopeKind = 'all' | 'site' | 'machine';

export interface GrantsTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: ScopeKind;
  expires_at: string | null;
  created_by: string | null;
  created_at: string;
  /** Set when the grant was revoked; revoked grants are kept for history and are inactive. */
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface GrantSitesTable {
  grant_id: string;
  site_id: string;
}

export interface GrantMachinesTable {
  grant_id: string;
  machine_id: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie value; the value itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  /** Last successful re-authentication (step-up for signatures). */
  step_up_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 (hex) of the secret. */
  token_hash: string;
  /** First characters of the token, shown in lists to recognise it. */
  prefix: string;
  role: string;
  scope_kind: ScopeKind;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ApiTokenSitesTable {
  token_id: string;
  site_id: string;
}

export interface ApiTokenMachinesTable {
  token_id: string;
  machine_id: string;
}

export interface SetupTokensTable {
  id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username_norm: string;
  ip: string;
  at: string;
}

export interface AuditEventsTable {
  seq: number;
  ts: string;
  actor_id: string | null;
  via: 'web' | 'api' | 'cli' | 'system';
  role: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  site_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

export interface ArtifactsTable {
  id: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_by: string | null;
  site_id: string | null;
  created_at: string;
}

export interface JobsTable {
  id: string;
  name: string;
  /** JSON text. */
  payload: string;
  run_at: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  time_zone: string;
  next_run_at: string;
  updated_at: string;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  /** JSON text for deliverers that send structured payloads. */
  payload: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  sites: SitesTable;
  machines: MachinesTable;
  users: UsersTable;
  grants: GrantsTable;
  grant_sites: GrantSitesTable;
  grant_machines: GrantMachinesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  api_token_sites: ApiTokenSitesTable;
  api_token_machines: ApiTokenMachinesTable;
  setup_tokens: SetupTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  artifacts: ArtifactsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  outbox: OutboxTable;
}
