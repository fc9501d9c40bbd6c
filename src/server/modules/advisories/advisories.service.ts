import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { AdvisoryDocumentsTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize } from '../../policies/policies.ts';
import { scoreCvssVector } from '../enrichment/cvss.ts';
import { enrichmentFor } from '../enrichment/enrichment.service.ts';
import {
  findAdvisoryDocument, findAdvisoryHead, listAdvisories, listAdvisoryDocuments, loadDocumentContents, type AdvisoryListRow,
} from './advisories.repository.ts';
import {
  advisoryListQuerySchema, type AdvisoryDetailView, type AdvisoryListItemView, type AdvisoryListQuery, type AdvisoryListView, type AdvisoryRevisionView,
  type AdvisoryVulnerabilityView,
} from './advisories.schema.ts';
import type { AdvisoryProblem } from './advisory-import.schema.ts';
import { tlpVisibilityOf, type TlpVisibility } from './tlp-visibility.ts';
import { findLinkEnd, listNoticesLinkedTo, type LinkEndRow } from './manual-notices.repository.ts';
import type { AdvisoryLinkView } from './manual-notices.schema.ts';

// Reading advisories: the list, the detail of one advisory with its revisions, and the raw bytes of
// one stored document. Everyone with a grant may read advisories (`advisory.read`); documents
// labelled TLP AMBER or RED only the roles an admin allows (tlp-visibility.ts), for everyone else
// they do not exist.

const listActions = ['advisory.import', 'advisory.manual_create'] as const;
const itemActions = ['advisory.import'] as const;
// A manual notice is also revised, linked and given attachments.
const manualItemActions = ['advisory.import', 'advisory.manual_update', 'advisory.manual_link'] as const;

const sourceOf = (row: { source: string }): 'csaf' | 'manual' => (row.source === 'manual' ? 'manual' : 'csaf');

function presentItem(actor: Actor, row: AdvisoryListRow): AdvisoryListItemView {
  return {
    id: row.id,
    source: sourceOf(row),
    tracking_id: row.tracking_id,
    publisher: row.publisher_name,
    publisher_namespace: row.publisher_namespace,
    title: row.title,
    tlp: row.tlp_label,
    current_release_date: row.current_release_date,
    tracking_version: row.tracking_version,
    validation_status: row.validation_status,
    cve_count: row.cve_count,
    max_cvss: row.max_cvss,
    kev: row.kev,
    allowed_actions: allowedActions(actor, sourceOf(row) === 'manual' ? manualItemActions : itemActions, 'global'),
  };
}

/** One page of the advisories the actor may see, newest current release first. */
export async function listAdvisoryPage(ctx: AppContext, actor: Actor, input: AdvisoryListQuery): Promise<AdvisoryListView> {
  const query = parseInput(advisoryListQuerySchema, input);
  authorize(actor, 'advisory.read', 'global');
  const { rows, total } = await listAdvisories(ctx.db, {
    limit: query.limit,
    offset: query.offset,
    ...(query.q !== undefined ? { q: query.q } : {}),
    ...(query.kev === 'true' ? { kev: true } : {}),
    ...(query.min_cvss !== undefined ? { minCvss: query.min_cvss } : {}),
    ...(query.vendor !== undefined ? { vendor: query.vendor } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.source !== undefined ? { source: query.source } : {}),
    restrictedVisible: (await tlpVisibilityOf(ctx.db, actor)).seesRestricted,
  });
  return { items: rows.map((row) => presentItem(actor, row)), total, limit: query.limit, offset: query.offset, allowed_actions: allowedActions(actor, listActions, 'global') };
}

/** The advisory with its current document, when it exists and the actor may see it; else NOT_FOUND. */
async function loadVisibleAdvisory(ctx: AppContext, actor: Actor, advisoryId: string): Promise<{ head: AdvisoryListRow; tlp: TlpVisibility }> {
  authorize(actor, 'advisory.read', 'global');
  const tlp = await tlpVisibilityOf(ctx.db, actor);
  const head = await findAdvisoryHead(ctx.db, advisoryId);
  if (!head || !tlp.visible(head.tlp_label)) throw new AppError('NOT_FOUND');
  return { head, tlp };
}

const problems = (value: string): AdvisoryProblem[] => JSON.parse(value) as AdvisoryProblem[];
const ids = (value: string): string[] => JSON.parse(value) as string[];

function presentRevision(document: Selectable<AdvisoryDocumentsTable>): AdvisoryRevisionView {
  return {
    document_id: document.id,
    tracking_version: document.tracking_version,
    current_release_date: document.current_release_date,
    is_current: Number(document.is_current) === 1,
    variant: Number(document.variant) === 1,
    sha256: document.sha256,
    size: Number(document.size),
    file_name: document.file_name,
    tlp: document.tlp_label,
    validation_status: document.validation_status,
    validation_errors: problems(document.validation_errors),
    validation_warnings: problems(document.validation_warnings),
    validation_infos: problems(document.validation_infos),
    hash_sidecars: document.hash_sidecars ? document.hash_sidecars.split(',') : [],
    signature_status: document.signature_status,
    signature_key_fingerprint: document.signature_key_fingerprint,
    imported_at: document.imported_at,
  };
}

/** An advisory at the other end of a notice link, when the actor may see it. */
function presentLinkEnd(tlp: TlpVisibility, end: LinkEndRow): AdvisoryLinkView | null {
  return tlp.visible(end.tlp_label) ? { id: end.id, tracking_id: end.tracking_id, title: end.title, source: sourceOf(end) } : null;
}

/** The link of a manual notice to its CSAF advisory, and the notices linked to a CSAF advisory. */
async function linksOf(ctx: AppContext, tlp: TlpVisibility, head: AdvisoryListRow): Promise<Pick<AdvisoryDetailView, 'linked_advisory' | 'linked_notices'>> {
  const linked = head.linked_advisory_id ? await findLinkEnd(ctx.db, head.linked_advisory_id) : undefined;
  const notices = sourceOf(head) === 'csaf' ? await listNoticesLinkedTo(ctx.db, head.id) : [];
  return {
    linked_advisory: linked ? presentLinkEnd(tlp, linked) : null,
    linked_notices: notices.flatMap((notice) => presentLinkEnd(tlp, notice) ?? []),
  };
}

/** One advisory: its current document's contents, CVE enrichment and every stored revision. */
export async function getAdvisory(ctx: AppContext, actor: Actor, advisoryId: string): Promise<AdvisoryDetailView> {
  const { head, tlp } = await loadVisibleAdvisory(ctx, actor, advisoryId);
  const contents = await loadDocumentContents(ctx.db, head.document_id);
  if (!contents) throw new AppError('NOT_FOUND');
  const documents = await listAdvisoryDocuments(ctx.db, advisoryId);
  const cves = contents.vulnerabilities.flatMap((vulnerability) => (vulnerability.cve ? [vulnerability.cve] : []));
  const enrichment = await enrichmentFor(ctx.db, cves);
  const productNames = new Map(contents.products.map((product) => [product.product_id, product.name]));
  const nameOf = (productId: string): string => productNames.get(productId) ?? productId;

  const vulnerabilities: AdvisoryVulnerabilityView[] = contents.vulnerabilities.map((vulnerability) => {
    const statuses = contents.statuses.filter((status) => status.vulnerability_id === vulnerability.id);
    return {
      cve: vulnerability.cve,
      cwe_id: vulnerability.cwe_id,
      cwe_name: vulnerability.cwe_name,
      title: vulnerability.title,
      release_date: vulnerability.release_date,
      scores: contents.scores
        .filter((score) => score.vulnerability_id === vulnerability.id)
        .map((score) => {
          const computed = scoreCvssVector(score.vector);
          const given = score.base_score === null ? null : Number(score.base_score);
          return {
            cvss_version: score.cvss_version,
            vector: score.vector,
            base_score: given,
            base_severity: score.base_severity,
            computed_base_score: computed.valid ? computed.base_score : null,
            computed_base_severity: computed.valid ? computed.base_severity : null,
            vector_invalid: computed.valid ? null : computed.reason,
            score_mismatch: computed.valid && given !== null && Math.abs(computed.base_score - given) > 0.05,
            products: ids(score.product_ids).map(nameOf),
          };
        }),
      notes: contents.notes
        .filter((note) => note.vulnerability_id === vulnerability.id)
        .map(({ category, title, audience, text }) => ({ category, title, audience, text })),
      remediations: contents.remediations
        .filter((remediation) => remediation.vulnerability_id === vulnerability.id)
        .map((remediation) => ({
          category: remediation.category,
          details: remediation.details,
          url: remediation.url,
          date: remediation.date,
          restart_required: remediation.restart_required,
          products: ids(remediation.product_ids).map(nameOf),
        })),
      known_affected: statuses.filter((status) => status.status === 'known_affected').map((status) => nameOf(status.product_id)),
      fixed: statuses.filter((status) => status.status === 'fixed' || status.status === 'first_fixed').map((status) => nameOf(status.product_id)),
      enrichment: (vulnerability.cve ? enrichment.get(vulnerability.cve) : undefined) ?? { kev: null, epss: null },
    };
  });

  const document = contents.document;
  return {
    ...presentItem(actor, head),
    document_id: document.id,
    category: document.category,
    lang: document.lang,
    csaf_version: document.csaf_version,
    aggregate_severity: document.aggregate_severity,
    tracking_status: document.tracking_status,
    initial_release_date: document.initial_release_date,
    notes: contents.notes.filter((note) => note.vulnerability_id === null).map(({ category, title, audience, text }) => ({ category, title, audience, text })),
    references: contents.references.filter((reference) => reference.vulnerability_id === null).map(({ category, summary, url }) => ({ category, summary, url })),
    vulnerabilities,
    products: contents.products.map((product) => ({
      product_id: product.product_id,
      name: product.name,
      vendor: product.vendor,
      product_name: product.product_name,
      branch_path: JSON.parse(product.branch_path) as { category: string; name: string }[],
      version: product.product_version,
      version_range: product.product_version_range,
    })),
    revisions: documents.filter((revision) => tlp.visible(revision.tlp_label)).map(presentRevision),
    ...(await linksOf(ctx, tlp, head)),
  };
}

export interface RawAdvisoryDocument {
  fileName: string;
  sha256: string;
  size: number;
  content: Readable;
}

/** The raw bytes of one stored document of the advisory, as received. */
export async function openRawAdvisoryDocument(ctx: AppContext, actor: Actor, advisoryId: string, documentId: string): Promise<RawAdvisoryDocument> {
  const { tlp } = await loadVisibleAdvisory(ctx, actor, advisoryId);
  const document = await findAdvisoryDocument(ctx.db, advisoryId, documentId);
  if (!document || !tlp.visible(document.tlp_label)) throw new AppError('NOT_FOUND');
  const content = await ctx.artifacts.open(document.sha256);
  return { fileName: document.file_name, sha256: document.sha256, size: Number(document.size), content };
}
