// Shapes of the REST API under /api/v1: the server's zod-inferred types, imported as types only so no
// server code reaches the bundle. roles.ts is a plain module without Node imports, so its list may.
import type { z } from 'zod';
import type { ArtifactView } from '../../server/modules/artifacts/artifacts.schema.ts';
import type { AuditItem, AuditList, auditVerificationSchema } from '../../server/modules/audit/audit.schema.ts';
import type { SetupInput } from '../../server/modules/auth/setup.service.ts';
import type { ContractContact, ContractList, ContractView, CreateContractBody, UpdateContractBody } from '../../server/modules/contracts/contracts.schema.ts';
import type { ManualNoticeView } from '../../server/modules/advisories/manual-notices.schema.ts';
import type { FindingView } from '../../server/modules/matching/findings.schema.ts';
import type { CreateTemplateBody, ReplaceTemplateBody, TemplateItemInput, TemplateItemView, TemplateList, TemplateView } from '../../server/modules/contracts/test-templates.schema.ts';
import type { importResultView, inventoryProblemView } from '../../server/modules/inventory/inventory.schema.ts';
import type { CreatePartnerSystemBody, PartnerSystemList, PartnerSystemView, UpdatePartnerSystemBody } from '../../server/modules/machines/partner-systems.schema.ts';
import type { BrokerList, BrokerView, CreateBrokerBody, UpdateBrokerBody } from '../../server/modules/network/brokers.schema.ts';
import type { ConduitEndView, ConduitList, ConduitView, CreateConduitBody, UpdateConduitBody } from '../../server/modules/network/conduits.schema.ts';
import type { IpRegister, IpRegisterEntry } from '../../server/modules/network/ip-register.schema.ts';
import type { AreaList, AreaView, UpdateAreaBody } from '../../server/modules/sites/areas.schema.ts';
import type { CreateSegmentBody, SegmentList, SegmentView, UpdateSegmentBody } from '../../server/modules/sites/segments.schema.ts';
import type { CreateSiteBody, SiteList, SiteView, UpdateSiteBody } from '../../server/modules/sites/sites.schema.ts';
import type { CreateSparePartBody, SparePartList, SparePartView, UpdateSparePartBody } from '../../server/modules/spare-parts/spare-parts.schema.ts';
import type { CreatedToken, CreateTokenInput, TokenView } from '../../server/modules/tokens/tokens.schema.ts';
import type { TopologyConduitView, TopologyEndView, TopologyMachineView, TopologyView } from '../../server/modules/topology/topology.schema.ts';
import type { GrantInput, MeView, UserView } from '../../server/modules/users/users.schema.ts';
import type { CreateUserInput, UpdateUserInput } from '../../server/modules/users/users.service.ts';
import type {
  ComponentView,
  CreateComponentBody,
  CreateMachineBody,
  InterfaceView,
  MachineDetailView,
  MachineListQuery,
  MachineView,
  UpdateComponentBody,
  UpdateMachineBody,
} from '../../server/modules/machines/machines.schema.ts';

export { roles, type Role } from '../../server/policies/roles.ts';
export type {
  AreaList,
  AreaView,
  ArtifactView,
  AuditItem,
  AuditList,
  ComponentView,
  CreateComponentBody,
  CreatedToken,
  CreateMachineBody,
  CreateSegmentBody,
  CreateSiteBody,
  CreateTokenInput,
  CreateUserInput,
  GrantInput,
  InterfaceView,
  MachineDetailView,
  MachineListQuery,
  MachineView,
  MeView,
  SegmentList,
  SegmentView,
  SetupInput,
  SiteList,
  SiteView,
  TokenView,
  UpdateAreaBody,
  UpdateComponentBody,
  UpdateMachineBody,
  UpdateSegmentBody,
  UpdateSiteBody,
  UpdateUserInput,
  UserView,
};

/** Body of POST /sites/:key/areas (the site comes from the path). */
export interface CreateAreaBody {
  key: string;
  name: string;
}

/** Answer of GET /machines: one page; `next_cursor` and `total` once the server pages (older servers send all items). */
export interface MachinePage {
  items: (MachineView & { component_count?: number })[];
  next_cursor?: string | null;
  total?: number;
}

/** One problem of an inventory file (INTERFACES.md error object). */
export type FileProblem = z.infer<typeof inventoryProblemView>;

/** Answer of POST /inventory/import (`inventory import --json` of INTERFACES.md). */
export type InventoryImportResult = z.infer<typeof importResultView>;

/** The two UI and response languages. */
export type Language = UserView['language'];

/** One grant of a user. */
export type GrantView = UserView['grants'][number];

/** Answer of `GET /audit/verify` (`audit verify` of INTERFACES.md). */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** Answer of login, setup and `/auth/me`. */
export interface SessionResponse {
  user: MeView;
  /** Null for requests authenticated by API token. */
  csrf_token: string | null;
}

/** A list answer. */
export interface ItemList<T> {
  items: T[];
}

// Code lists of the inventory, repeated here because the server's schema modules hold them as values
// (importing those would pull zod and server code into the bundle); `satisfies` keeps them in step.
/** Machine criticalities. */
export const criticalities = ['low', 'medium', 'high'] as const satisfies readonly NonNullable<MachineView['criticality']>[];
/** SSVC safety impacts. */
export const safetyImpacts = ['negligible', 'marginal', 'critical', 'catastrophic'] as const satisfies readonly NonNullable<MachineView['safety_impact']>[];
/** SSVC mission impacts. */
export const missionImpacts = ['degraded', 'mef_support_crippled', 'mef_failure', 'mission_failure'] as const satisfies readonly NonNullable<MachineView['mission_impact']>[];
/** Network states of a machine. */
export const networkStates = ['connected', 'isolated'] as const satisfies readonly MachineView['network_state'][];
/** Component types. */
export const componentTypes = ['firmware', 'os', 'application', 'hmi', 'plc', 'network', 'other'] as const satisfies readonly ComponentView['component_type'][];
/** Zone types of network segments. */
export const zoneTypes = ['ot_cell', 'ot_dmz', 'it', 'remote_access', 'internet', 'unknown'] as const satisfies readonly SegmentView['zone_type'][];

export type { BrokerList, BrokerView, ConduitEndView, ConduitList, ConduitView, CreateBrokerBody, CreateConduitBody, IpRegister, IpRegisterEntry, UpdateBrokerBody, UpdateConduitBody };
/** Protocols of conduits. */
export const conduitProtocols = ['tcp', 'udp', 'tcp_udp', 'icmp', 'any'] as const satisfies readonly ConduitView['protocol'][];
/** Kinds of message brokers. */
export const brokerKinds = ['mqtt', 'amqp', 'opcua_pubsub', 'kafka', 'other'] as const satisfies readonly BrokerView['kind'][];
/** Flags of IP register entries. */
export const registerFlags = ['duplicate', 'outside_cidr'] as const satisfies readonly IpRegisterEntry['flags'][number][];

export type { CreatePartnerSystemBody, CreateSparePartBody, PartnerSystemList, PartnerSystemView, SparePartList, SparePartView, UpdatePartnerSystemBody, UpdateSparePartBody };
/** Kinds of partner systems of a machine. */
export const partnerSystemKinds = ['mes', 'erp', 'file_share', 'broker', 'opcua', 'other'] as const satisfies readonly PartnerSystemView['kind'][];
/** Kinds of spare parts: a part, or a device with its own firmware. */
export const sparePartKinds = ['part', 'device'] as const satisfies readonly SparePartView['kind'][];

export type { ContractContact, ContractList, ContractView, CreateContractBody, CreateTemplateBody, ReplaceTemplateBody, TemplateItemInput, TemplateItemView, TemplateList, TemplateView, UpdateContractBody };
/** Who performs updates under a contract. */
export const contractResponsibilities = ['supplier', 'operator', 'shared'] as const satisfies readonly ContractView['responsibility'][];
/** Validity status of a contract. */
export const contractStatuses = ['active', 'expired', 'not_yet_valid'] as const satisfies readonly ContractView['status'][];
/** Groups of commissioning test items. */
export const testItemGroups = ['safety_function', 'changed_function', 'unchanged_function', 'security_setting', 'interface'] as const satisfies readonly TemplateItemView['group'][];

export type { TopologyConduitView, TopologyEndView, TopologyMachineView, TopologyView };

export type { AdvisoryDetailView, AdvisoryListItemView, AdvisoryListView, AdvisoryRevisionView, AdvisoryVulnerabilityView, AdvisoryProductView } from '../../server/modules/advisories/advisories.schema.ts';
export type { AdvisoryImportResult, AdvisoryProblem } from '../../server/modules/advisories/advisory-import.schema.ts';
export type { AdvisoryLinkView, ManualNoticeBody, ManualNoticeLinkBody, ManualNoticeView, NoticeAttachmentView } from '../../server/modules/advisories/manual-notices.schema.ts';
/** How a vendor reported a notice. */
export const noticeChannels = ['phone', 'email', 'letter', 'meeting', 'portal', 'other'] as const satisfies readonly ManualNoticeView['channel'][];
/** TLP labels of a vendor notice (CSAF 2.0; WHITE is TLP 2.0's CLEAR). */
export const noticeTlpLabels = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const satisfies readonly ManualNoticeView['tlp'][];
export type { AdvisoryVisibilityView } from '../../server/modules/settings/settings.schema.ts';

export type { FindingAlsoInView, FindingListQuery, FindingListView, FindingSummaryView, FindingView } from '../../server/modules/matching/findings.schema.ts';
/** Finding statuses (INTERFACES.md), most urgent first. */
export const findingStatuses = ['known_affected', 'under_investigation', 'fixed', 'known_not_affected'] as const satisfies readonly FindingView['status'][];
/** How sure a match is. */
export const findingConfidences = ['high', 'medium', 'low'] as const satisfies readonly FindingView['confidence'][];
