// Shapes of the REST API under /api/v1 as the web app reads them (JSON keys are snake_case).

/** The two UI and response languages. */
export type Language = 'de' | 'en';

/** Role codes of PRODUCT.md. */
export const roleCodes = [
  'admin',
  'security_officer',
  'engineering',
  'maintenance',
  'quality',
  'setup',
  'operator',
  'auditor',
  'vendor',
] as const;

export type RoleCode = (typeof roleCodes)[number];

export interface Grant {
  id: string;
  role: RoleCode;
  /** `all`, `site:KEY,KEY` or `machine:ID,ID`. */
  scope: string;
  expires_at: string | null;
  created_at: string;
}

export interface UserView {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  qualification: string | null;
  language: Language;
  company: string | null;
  auth_source: string;
  disabled: boolean;
  locked_until: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  grants: Grant[];
  allowed_actions: string[];
}

/** The signed-in user: a UserView plus the actions that belong to no object. */
export interface Me extends UserView {
  global_actions: string[];
}

export interface SessionResponse {
  user: Me;
  /** Null for requests authenticated by API token. */
  csrf_token: string | null;
}

export interface Site {
  id: string;
  key: string;
  name: string;
  time_zone: string;
  version: number;
  allowed_actions: string[];
}

export interface Machine {
  id: string;
  machine_id: string;
  name: string;
  site_id: string;
  site_key: string;
  version: number;
  allowed_actions: string[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  role: RoleCode;
  scope: string;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  allowed_actions: string[];
}

/** The answer to creating a token: the only time the secret is shown. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface HistoryEntry {
  seq: number;
  ts: string;
  actor_name: string | null;
  via: string;
  role: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
}

export interface AuditEvent extends HistoryEntry {
  actor_id: string | null;
  site_id: string | null;
  site_key: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  next_before_seq: number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  events: number;
  first_bad_seq: number | null;
  kind: string | null;
}

export interface ItemList<T> {
  items: T[];
}
