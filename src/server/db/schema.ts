import type { Generated, Selectable } from 'kysely';

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
  /** JSON array of ISO weekdays (1 = Monday … 7 = Sunday) the site works on. */
  working_days: Generated<string>;
  /** JSON array of shifts: `{name, start: "06:00", end: "14:00"}` in the site's zone. */
  shifts: Generated<string>;
  /** 1 for sites created by `patchwerk demo load`. */
  demo: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SiteNonWorkingDaysTable {
  site_id: string;
  /** YYYY-MM-DD in the site's zone. */
  day: string;
  label: string;
}

export interface AreasTable {
  id: string;
  site_id: string;
  key: string;
  key_norm: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export type ZoneType = 'ot_cell' | 'ot_dmz' | 'it' | 'remote_access' | 'internet' | 'unknown';

export interface SegmentsTable {
  id: string;
  site_id: string;
  key: string;
  key_norm: string;
  name: string;
  vlan: number | null;
  cidr: string | null;
  zone_type: ZoneType;
  /** 1 when created implicitly (e.g. by an import) and not yet described by a person. */
  needs_review: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MachineInterfacesTable {
  id: string;
  machine_id: string;
  /** Order of the interface on the machine, from 0. */
  position: number;
  ip: string | null;
  mac: string | null;
  hostname: string | null;
  segment_id: string | null;
}

export type ComponentType = 'firmware' | 'os' | 'application' | 'hmi' | 'plc' | 'network' | 'other';

export interface ComponentsTable {
  id: string;
  machine_id: string;
  component_type: ComponentType;
  vendor: string | null;
  /** Normalised vendor ('' when none): part of the component's identity. */
  vendor_norm: string;
  name: string;
  name_norm: string;
  /** The installed software/firmware version, as text. */
  component_version: string | null;
  model_number: string | null;
  model_number_norm: string;
  cpe: string | null;
  purl: string | null;
  /** The software identity matching judges it by; null until the next matching run assigns it. */
  match_identity_id: string | null;
  /** Set when an authoritative import or a person removed it; history and findings stay. */
  removed_at: string | null;
  /** Row version for If-Match. */
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
  /** Machine builder. */
  vendor: Generated<string | null>;
  model: Generated<string | null>;
  serial_number: Generated<string | null>;
  /** Free text, e.g. "Drehmaschine". */
  machine_type: Generated<string | null>;
  area_id: Generated<string | null>;
  line: Generated<string | null>;
  redundancy_group: Generated<string | null>;
  criticality: Generated<'low' | 'medium' | 'high' | null>;
  safety_functions: Generated<string | null>;
  safety_impact: Generated<'negligible' | 'marginal' | 'critical' | 'catastrophic' | null>;
  mission_impact: Generated<'degraded' | 'mef_support_crippled' | 'mef_failure' | 'mission_failure' | null>;
  /** 1 yes, 0 no, null unknown. */
  updatable: Generated<number | null>;
  /** YYYY-MM-DD. */
  end_of_support: Generated<string | null>;
  operating_system: Generated<string | null>;
  operating_software: Generated<string | null>;
  /** How remote access works and by whom, as text. */
  remote_access: Generated<string | null>;
  network_state: Generated<'connected' | 'isolated'>;
  responsible_admin_id: Generated<string | null>;
  /** Folded name (foldSearchText) for sorting; kept by refreshMachineSearchText. */
  name_norm: Generated<string>;
  /** Folded machine builder ('' when none) for the vendor filter; kept by refreshMachineSearchText. */
  vendor_norm: Generated<string>;
}

export type ConduitProtocol = 'tcp' | 'udp' | 'tcp_udp' | 'icmp' | 'any';

/** An allowed flow from one segment (or the internet) to another (or the internet). */
export interface ConduitsTable {
  id: string;
  /** The owning site: that of `from`, or of `to` when `from` is the internet. */
  site_id: string;
  /** null = the internet. Never both ends null. */
  from_segment_id: string | null;
  to_segment_id: string | null;
  protocol: ConduitProtocol;
  /** Ports as written, e.g. "443", "102, 502", "49152-65535". */
  ports: string | null;
  /** Application protocol, e.g. "OPC UA", "HTTPS". */
  service: string | null;
  purpose: string;
  /** Reference of the firewall rule that implements it. */
  firewall_rule: string | null;
  /** 1 when the flow carries remote access (vendor maintenance, remote monitoring). */
  remote_access: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
}

export type BrokerKind = 'mqtt' | 'amqp' | 'opcua_pubsub' | 'kafka' | 'other';

/** A message broker in a segment (register of brokers per segment). */
export interface BrokersTable {
  id: string;
  segment_id: string;
  name: string;
  kind: BrokerKind;
  host: string;
  port: number | null;
  tls: Generated<number>;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export type PartnerSystemKind = 'mes' | 'erp' | 'file_share' | 'broker' | 'opcua' | 'other';

/** A system a machine talks to; commissioning tests check these connections. */
export interface PartnerSystemsTable {
  id: string;
  machine_id: string;
  name: string;
  kind: PartnerSystemKind;
  host: string | null;
  port: number | null;
  url: string | null;
  /** 1 the Patchwerk server can reach it, 0 it cannot (a manual check), null not stated. */
  server_reachable: number | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export type ContractResponsibility = 'supplier' | 'operator' | 'shared';

/** A framework contract with a machine builder or service supplier. */
export interface ContractsTable {
  id: string;
  /** Contract number or short name, unique (normalised). */
  reference: string;
  reference_norm: string;
  supplier: string;
  /** JSON array of `{name, role, phone, email}` (each but name may be null). */
  contacts: Generated<string>;
  /** When an update is mandatory, as agreed. */
  update_obligation: string | null;
  /** Who is responsible for performing updates. */
  responsibility: ContractResponsibility;
  /** The plant's person responsible for the contract. */
  responsible_user_id: string | null;
  /** How an update is performed (remote, on site, by whom). */
  update_method: string | null;
  sla: string | null;
  /** YYYY-MM-DD. */
  valid_from: string | null;
  valid_until: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractMachinesTable {
  contract_id: string;
  machine_id: string;
}

/** A commissioning test template: of a contract, or of a machine type in a site. */
export interface TestTemplatesTable {
  id: string;
  contract_id: string | null;
  site_id: string | null;
  machine_type: string | null;
  /** normaliseKey(machine_type). */
  machine_type_norm: string | null;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export type TestItemGroup = 'safety_function' | 'changed_function' | 'unchanged_function' | 'security_setting' | 'interface';

/** One item of a test template; text in German and/or English (at least one of each pair). */
export interface TestTemplateItemsTable {
  template_id: string;
  position: number;
  item_key: string;
  item_group: TestItemGroup;
  description_de: string | null;
  description_en: string | null;
  expected_de: string | null;
  expected_en: string | null;
}

export type SparePartKind = 'part' | 'device';

/** Spare parts and spare devices kept on a site. */
export interface SparePartsTable {
  id: string;
  site_id: string;
  kind: SparePartKind;
  name: string;
  vendor: string | null;
  model_number: string | null;
  /** Firmware of a spare device: it must be brought up to date before it goes in. */
  firmware_version: string | null;
  quantity: number;
  storage_location: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The machines a spare part fits. */
export interface SparePartMachinesTable {
  spare_part_id: string;
  machine_id: string;
}

/** One advisory: a (publisher namespace, tracking id) with its stored document versions. */
export interface AdvisoriesTable {
  id: string;
  /** 'csaf' (imported document); 'manual' vendor notices follow. */
  source: Generated<string>;
  publisher_namespace: string;
  tracking_id: string;
  /** normaliseKey(tracking_id). */
  tracking_id_norm: string;
  /** The current advisory_documents row. */
  current_document_id: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** On a manual notice: the CSAF advisory that covers it. */
  linked_advisory_id: string | null;
  linked_at: string | null;
}

/** A manual vendor notice (an advisory with source 'manual'): its yearly number. */
export interface ManualNoticesTable {
  advisory_id: string;
  year: number;
  number: number;
  created_at: string;
  created_by: string;
}

/** The form fields of one revision of a manual notice (one per generated document). */
export interface ManualNoticeRevisionsTable {
  document_id: string;
  advisory_id: string;
  tracking_version: string;
  title: string | null;
  vendor: string;
  product: string;
  model_number: string | null;
  affected_versions: string;
  fixed_version: string | null;
  description: string;
  cve: string | null;
  cvss_vector: string | null;
  reporter_name: string;
  reporter_organisation: string | null;
  reporter_contact: string | null;
  reported_at: string;
  /** phone, email, letter, meeting, portal, other. */
  channel: string;
  tlp: string;
  revision_summary: string;
  recorded_at: string;
  recorded_by: string;
}

/** A file attached to a manual notice (bytes in the artifact store). */
export interface ManualNoticeAttachmentsTable {
  id: string;
  advisory_id: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_at: string;
  uploaded_by: string;
}

export type AdvisoryValidationStatus = 'valid' | 'flagged';
export type AdvisorySignatureStatus = 'absent' | 'not_checked' | 'verified';

/** An installation-wide setting: a key and its JSON value (no row: the default applies). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string;
}

/** One stored document version of an advisory: raw bytes in the artifact store (sha256), header fields, validation. */
export interface AdvisoryDocumentsTable {
  id: string;
  advisory_id: string;
  sha256: string;
  size: number;
  file_name: string;
  /** 'file' (CLI import); 'upload' and 'sync' follow. */
  received_via: string;
  is_current: number;
  /** 1 when another document with the same tracking version but other bytes was stored first. */
  variant: number;
  variant_of_document_id: string | null;
  csaf_version: string | null;
  category: string | null;
  title: string | null;
  lang: string | null;
  tlp_label: string | null;
  aggregate_severity: string | null;
  publisher_name: string | null;
  publisher_namespace: string;
  publisher_category: string | null;
  publisher_contact_details: string | null;
  tracking_id: string;
  tracking_version: string;
  tracking_status: string | null;
  initial_release_date: string | null;
  current_release_date: string | null;
  /** JSON [{number, date, summary}]. */
  revision_history: string;
  validation_status: AdvisoryValidationStatus;
  /** JSON arrays of error objects {code, message, test?, path?}. */
  validation_errors: string;
  validation_warnings: string;
  validation_infos: string;
  /** Matched hash sidecars, e.g. 'sha512' or 'sha256,sha512'; null when none. */
  hash_sidecars: string | null;
  signature_status: AdvisorySignatureStatus;
  /** Fingerprint (hex, upper case) of the key that verified the `.asc` signature; null unless verified. */
  signature_key_fingerprint: string | null;
  /** The `.asc` file in the artifact store; null unless verified. */
  signature_sha256: string | null;
  imported_at: string;
  imported_by: string;
}

export interface AdvisoryVulnerabilitiesTable {
  id: string;
  document_id: string;
  position: number;
  cve: string | null;
  cwe_id: string | null;
  cwe_name: string | null;
  title: string | null;
  discovery_date: string | null;
  release_date: string | null;
  /** JSON [{system_name, text}]. */
  ids: string;
  /** JSON [{label, date, product_ids, group_ids}]. */
  flags: string;
}

/** A note of the document (vulnerability_id null) or of a vulnerability. */
export interface AdvisoryNotesTable {
  id: string;
  document_id: string;
  vulnerability_id: string | null;
  position: number;
  category: string | null;
  title: string | null;
  audience: string | null;
  text: string;
}

/** A reference of the document (vulnerability_id null) or of a vulnerability. */
export interface AdvisoryReferencesTable {
  id: string;
  document_id: string;
  vulnerability_id: string | null;
  position: number;
  category: string | null;
  summary: string | null;
  url: string;
}

export interface AdvisoryScoresTable {
  vulnerability_id: string;
  position: number;
  document_id: string;
  /** '2.0', '3.0', '3.1' or '4.0'. */
  cvss_version: string;
  vector: string;
  base_score: number | null;
  base_severity: string | null;
  /** JSON array of product ids. */
  product_ids: string;
}

export interface AdvisoryThreatsTable {
  vulnerability_id: string;
  position: number;
  document_id: string;
  category: string;
  details: string;
  date: string | null;
  /** JSON arrays; product_ids include the members of group_ids. */
  product_ids: string;
  group_ids: string;
}

export interface AdvisoryRemediationsTable {
  vulnerability_id: string;
  position: number;
  document_id: string;
  category: string;
  details: string;
  url: string | null;
  date: string | null;
  /** JSON arrays; product_ids include the members of group_ids. */
  product_ids: string;
  group_ids: string;
  entitlements: string;
  restart_required: string | null;
  restart_required_details: string | null;
}

/** A product of a document's product tree, flattened (branch leaf, full product name or relationship). */
export interface AdvisoryProductsTable {
  id: string;
  document_id: string;
  position: number;
  /** The CSAF product id. */
  product_id: string;
  name: string;
  source: 'branch' | 'full_product_name' | 'relationship';
  /** JSON [{category, name}], root to leaf. */
  branch_path: string;
  vendor: string | null;
  vendor_norm: string;
  product_family: string | null;
  product_name: string | null;
  product_name_norm: string;
  product_version: string | null;
  product_version_range: string | null;
  architecture: string | null;
  patch_level: string | null;
  service_pack: string | null;
  /** JSON of the product identification helper as given. */
  helpers: string;
  relationship_category: string | null;
  product_reference: string | null;
  relates_to_product_reference: string | null;
}

/** One identification helper value of a product (indexed for matching). */
export interface AdvisoryProductIdentifiersTable {
  product_row_id: string;
  document_id: string;
  product_id: string;
  kind: 'cpe' | 'purl' | 'model_number' | 'serial_number' | 'sku';
  value: string;
  value_norm: string;
}

export interface AdvisoryProductGroupsTable {
  document_id: string;
  position: number;
  group_id: string;
  summary: string | null;
  /** JSON array of product ids. */
  product_ids: string;
}

/** One (vulnerability, status, product) of a document's product_status. */
export interface AdvisoryProductStatusTable {
  vulnerability_id: string;
  document_id: string;
  status: string;
  product_id: string;
}

/** The data imported last per enrichment source (one row each for 'kev' and 'epss'). */
export interface EnrichmentSourcesTable {
  source: 'kev' | 'epss';
  /** KEV catalogVersion or EPSS model_version. */
  version: string;
  /** KEV dateReleased or EPSS score_date (ISO 8601 UTC). */
  date: string;
  entries: number;
  file_name: string;
  imported_at: string;
}

/** One CVE of the CISA KEV catalog; kept with `removed_at` when a later catalog no longer lists it. */
export interface KevEntriesTable {
  cve: string;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  /** YYYY-MM-DD. */
  date_added: string;
  short_description: string;
  required_action: string;
  /** YYYY-MM-DD. */
  due_date: string;
  /** 1 when knownRansomwareCampaignUse is "Known". */
  ransomware: number;
  notes: string | null;
  /** JSON array of CWE ids. */
  cwes: string;
  /** The catalog version that last listed the entry. */
  catalog_version: string;
  removed_at: string | null;
  updated_at: string;
}

/** FIRST EPSS score and percentile of one CVE (the score date is in enrichment_sources). */
export interface EpssScoresTable {
  cve: string;
  score: number;
  percentile: number;
}


/** known_affected, fixed, known_not_affected, under_investigation (INTERFACES.md). */
export type FindingStatus = 'known_affected' | 'fixed' | 'known_not_affected' | 'under_investigation';
export type FindingMatchedBy = 'cpe' | 'purl' | 'model_number' | 'serial_number' | 'name_version';
export type FindingConfidence = 'high' | 'medium' | 'low';

/** One (advisory, vulnerability, component) the matcher found, recomputed on every change of either side. */
export interface FindingsTable {
  id: string;
  advisory_id: string;
  /** The current document it was computed from. */
  document_id: string;
  vulnerability_id: string;
  /** The CVE, or `#<position>` for a vulnerability without one: the identity across revisions. */
  vulnerability_key: string;
  cve: string | null;
  /** machines.id (not the plant's key). */
  machine_id: string;
  component_id: string;
  site_id: string;
  status: FindingStatus;
  /** The CSAF product status as written. */
  csaf_status: string;
  matched_by: FindingMatchedBy;
  confidence: FindingConfidence;
  reason: string;
  /** JSON array of CSAF product ids. */
  product_ids: string;
  /** JSON [{category, name}] of the deciding product. */
  branch_path: string;
  /** JSON [{category, details, url}]. */
  remediations: string;
  created_at: string;
  updated_at: string;
}

/** A person's statement that a finding's match is wrong; kept across re-matching, deleted to undo. */
export interface FindingFalseMatchesTable {
  advisory_id: string;
  vulnerability_key: string;
  component_id: string;
  reason: string;
  /** Audit actor name (user id, `cli:<os-user>`). */
  marked_by: string;
  marked_at: string;
}

/** A software identity: the facts matching judges, shared by every component that has them. */
export interface MatchIdentitiesTable {
  id: string;
  /** SHA-256 of the facts (`matchIdentityOf`). */
  fingerprint: string;
  vendor: string | null;
  name: string;
  component_version: string | null;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
  /** The machine builder, for a component that names no vendor; else null. */
  machine_vendor: string | null;
}

/** A vendor key of a software identity ('' when computed and none). */
export interface MatchIdentityKeysTable {
  identity_id: string;
  vendor_key: string;
}

/** A vendor key of an advisory product ('' when computed and none). */
export interface AdvisoryProductMatchKeysTable {
  product_row_id: string;
  document_id: string;
  vendor_key: string;
}

/** Folded text the machines list searches (`q`): machine_id, name, component names and vendors. */
export interface MachineSearchTable {
  machine_id: string;
  search_text: string;
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

/** Rows as read from the database. */
export type SiteRow = Selectable<SitesTable>;
export type MachineRow = Selectable<MachinesTable>;

export interface Database {
  sites: SitesTable;
  site_non_working_days: SiteNonWorkingDaysTable;
  areas: AreasTable;
  segments: SegmentsTable;
  machines: MachinesTable;
  machine_interfaces: MachineInterfacesTable;
  components: ComponentsTable;
  machine_search: MachineSearchTable;
  conduits: ConduitsTable;
  brokers: BrokersTable;
  partner_systems: PartnerSystemsTable;
  contracts: ContractsTable;
  contract_machines: ContractMachinesTable;
  test_templates: TestTemplatesTable;
  test_template_items: TestTemplateItemsTable;
  spare_parts: SparePartsTable;
  spare_part_machines: SparePartMachinesTable;
  settings: SettingsTable;
  advisories: AdvisoriesTable;
  advisory_documents: AdvisoryDocumentsTable;
  advisory_vulnerabilities: AdvisoryVulnerabilitiesTable;
  advisory_notes: AdvisoryNotesTable;
  advisory_references: AdvisoryReferencesTable;
  advisory_scores: AdvisoryScoresTable;
  advisory_threats: AdvisoryThreatsTable;
  advisory_remediations: AdvisoryRemediationsTable;
  advisory_products: AdvisoryProductsTable;
  advisory_product_identifiers: AdvisoryProductIdentifiersTable;
  advisory_product_groups: AdvisoryProductGroupsTable;
  advisory_product_status: AdvisoryProductStatusTable;
  manual_notices: ManualNoticesTable;
  manual_notice_revisions: ManualNoticeRevisionsTable;
  manual_notice_attachments: ManualNoticeAttachmentsTable;
  enrichment_sources: EnrichmentSourcesTable;
  kev_entries: KevEntriesTable;
  epss_scores: EpssScoresTable;
  findings: FindingsTable;
  finding_false_matches: FindingFalseMatchesTable;
  match_identities: MatchIdentitiesTable;
  match_identity_keys: MatchIdentityKeysTable;
  advisory_product_match_keys: AdvisoryProductMatchKeysTable;
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
