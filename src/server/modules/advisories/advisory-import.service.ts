import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { AdvisoryDocumentsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { formatMessage, type Language } from '../../errors/app-error.ts';
import type { ErrorCode } from '../../errors/error-codes.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import { nonAdvisoryKind, parseHashSidecar, readFailureReason, type AdvisoryFileSource, type HashAlgorithm } from './advisory-files.ts';
import { attachDocument, buildChildRows, findAdvisoryWithDocuments, findStoredDocument, insertDocument, type DocumentChildRows } from './advisory-import.repository.ts';
import type { AdvisoryImportResult, AdvisoryProblem } from './advisory-import.schema.ts';
import { CSAF_MAX_BYTES, sizeRefusal } from './csaf-checks.ts';
import { createCsafValidator, type CsafProblem, type CsafValidator } from './csaf-validation.ts';
import { normaliseCsaf } from './csaf-normalise.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { compareTrackingVersions } from './tracking-version.ts';

// `advisories import` (INTERFACES.md; PRODUCT.md §2): one use case for the CLI and, later, the web
// upload. Per file, outside any transaction and several files at a time: read, check the hash
// sidecars, validate (one validator per import), normalise, put the raw bytes into the artifact
// store. Then, in file order, each document is written in its own short write transaction with its
// audit event, where the revision rules decide its place: a newer tracking version becomes current
// and the old one history; an older one is kept as history; the same version with other bytes is
// stored as a variant and flagged; the same bytes change nothing. Rejected files (unreadable, not
// JSON, schema-invalid, hash mismatch) store nothing; the import goes on with the next file.

export interface ImportAdvisoriesInput {
  sources: readonly AdvisoryFileSource[];
  /** How the documents arrived: 'file' (CLI) or 'upload' (web). */
  via: 'file' | 'upload';
  /** Called after each file with the number of files done. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** A validator to use (a server keeps one loaded); otherwise one is created for this import and closed. */
  validator?: CsafValidator;
}

/** How many files are read, validated and hashed ahead of the writer. */
const PREPARE_AHEAD = 16;

type Prepared =
  | { kind: 'rejected'; file: string; errors: AdvisoryProblem[] }
  | { kind: 'skipped'; file: string; reason: NonNullable<ReturnType<typeof nonAdvisoryKind>> }
  | { kind: 'unchanged'; file: string; trackingId: string; flaggedErrors: AdvisoryProblem[] }
  | { kind: 'document'; file: string; document: Omit<AdvisoryDocumentsTable, 'advisory_id' | 'is_current' | 'variant' | 'variant_of_document_id' | 'imported_at'>; children: DocumentChildRows; flaggedErrors: AdvisoryProblem[] }
  | { kind: 'fatal'; error: unknown };

type Outcome = 'imported' | 'newer' | 'older' | 'variant' | 'unchanged';

const quote = (text: string): string => JSON.stringify(text);

function problem(code: ErrorCode, language: Language, params: Record<string, string | number> = {}): AdvisoryProblem {
  return { code, message: formatMessage(code, language, params) };
}

function baseName(file: string): string {
  return file.split(/[/\\]/).pop() || file;
}

/** A validator finding as an INTERFACES.md error object (its message parameters stay internal). */
const toProblem = ({ code, message, test, path, value }: CsafProblem): AdvisoryProblem => ({
  code,
  message,
  test,
  ...(path !== undefined ? { path } : {}),
  ...(value !== undefined ? { value } : {}),
});

/** Reads a sidecar; a problem when it cannot be read or does not match. */
async function checkHashSidecar(source: AdvisoryFileSource, algorithm: HashAlgorithm, bytes: Buffer, sha256: string, language: Language): Promise<AdvisoryProblem | null> {
  const sidecar = source.sidecars[algorithm];
  if (!sidecar) return null;
  const sidecarName = baseName(sidecar.name);
  let content: string;
  try {
    content = (await sidecar.read()).toString('utf8');
  } catch (error) {
    return problem('ADVISORY_HASH_SIDECAR_UNREADABLE', language, { sidecar: sidecarName, reason: readFailureReason(error) });
  }
  const expected = parseHashSidecar(content, algorithm);
  if (!expected) return problem('ADVISORY_HASH_SIDECAR_INVALID', language, { sidecar: sidecarName, algorithm: algorithm.toUpperCase() });
  const actual = algorithm === 'sha256' ? sha256 : createHash('sha512').update(bytes).digest('hex');
  return actual === expected ? null : problem('ADVISORY_HASH_MISMATCH', language, { sidecar: sidecarName, algorithm: algorithm.toUpperCase(), actual, expected });
}

/** Everything that happens to one file before the database is written. Never throws: failures become outcomes. */
async function prepare(ctx: AppContext, actor: Actor, source: AdvisoryFileSource, validator: CsafValidator, via: ImportAdvisoriesInput['via']): Promise<Prepared> {
  const file = source.name;
  const language = actor.language;
  try {
    let bytes: Buffer;
    try {
      // A file above the limit is refused unread (the validator refuses it too, but only once it is in memory).
      const tooLarge = source.size ? sizeRefusal(await source.size(), language) : undefined;
      if (tooLarge) return { kind: 'rejected', file, errors: tooLarge.errors.map(toProblem) };
      bytes = await source.read();
    } catch (error) {
      return { kind: 'rejected', file, errors: [problem('CSAF_FILE_UNREADABLE', language, { message: readFailureReason(error) })] };
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const hashErrors: AdvisoryProblem[] = [];
    const matched: HashAlgorithm[] = [];
    for (const algorithm of ['sha256', 'sha512'] as const) {
      const failure = await checkHashSidecar(source, algorithm, bytes, sha256, language);
      if (failure) hashErrors.push(failure);
      else if (source.sidecars[algorithm]) matched.push(algorithm);
    }
    if (hashErrors.length > 0) return { kind: 'rejected', file, errors: hashErrors };

    // The same bytes stored before: nothing to validate or write; a flagged document stays flagged.
    const stored = await findStoredDocument(ctx.db, sha256);
    if (stored) {
      const errors = stored.validation_status === 'flagged' ? (JSON.parse(stored.validation_errors) as AdvisoryProblem[]) : [];
      return { kind: 'unchanged', file, trackingId: stored.tracking_id, flaggedErrors: errors };
    }

    const validation = await validator.validateBytes(bytes);
    if (!validation.schemaValid) {
      const kind = nonAdvisoryKind(validation.document);
      if (kind) return { kind: 'skipped', file, reason: kind };
      return { kind: 'rejected', file, errors: validation.errors.map(toProblem) };
    }
    const advisory = normaliseCsaf(validation.document);
    const { id: trackingId, version: trackingVersion } = advisory.tracking;
    const namespace = advisory.publisher.namespace;
    if (!trackingId || !trackingVersion || !namespace) {
      // The schema requires all three; a validator that let a document through without them is a bug.
      throw new Error(`schema-valid document without tracking id, version or publisher namespace: ${file}`);
    }
    const flaggedErrors = validation.valid ? [] : validation.errors.map(toProblem);

    const infos = validation.infos.map(toProblem);
    if (source.sidecars.asc) infos.push({ ...problem('ADVISORY_SIGNATURE_NOT_CHECKED', language, { sidecar: baseName(source.sidecars.asc.name) }) });
    // File I/O stays outside the transaction; a blob whose row is never written is reused by the next import of the same bytes.
    if (!(await ctx.artifacts.has(sha256))) await ctx.artifacts.put(Readable.from([bytes]), { maxBytes: CSAF_MAX_BYTES });

    const documentId = timeOrderedId();
    return {
      kind: 'document',
      file,
      flaggedErrors,
      children: buildChildRows(documentId, advisory),
      document: {
        id: documentId,
        sha256,
        size: bytes.length,
        file_name: baseName(file),
        received_via: via,
        csaf_version: advisory.csaf_version,
        category: advisory.category,
        title: advisory.title,
        lang: advisory.lang,
        tlp_label: advisory.tlp_label,
        aggregate_severity: advisory.aggregate_severity,
        publisher_name: advisory.publisher.name,
        publisher_namespace: namespace,
        publisher_category: advisory.publisher.category,
        publisher_contact_details: advisory.publisher.contact_details,
        tracking_id: trackingId,
        tracking_version: trackingVersion,
        tracking_status: advisory.tracking.status,
        initial_release_date: advisory.tracking.initial_release_date,
        current_release_date: advisory.tracking.current_release_date,
        revision_history: JSON.stringify(advisory.tracking.revision_history),
        validation_status: validation.valid ? 'valid' : 'flagged',
        validation_errors: JSON.stringify(validation.errors.map(toProblem)),
        validation_warnings: JSON.stringify(validation.warnings.map(toProblem)),
        validation_infos: JSON.stringify(infos),
        hash_sidecars: matched.length > 0 ? matched.join(',') : null,
        signature_status: source.sidecars.asc ? 'not_checked' : 'absent',
        imported_by: actor.userId ?? actor.name,
      },
    };
  } catch (error) {
    return { kind: 'fatal', error };
  }
}

const outcomeText: Record<Exclude<Outcome, 'unchanged'>, string> = {
  imported: 'new advisory',
  newer: 'newer revision, now current',
  older: 'older revision, kept as history',
  variant: 'same version with other content, stored as a variant',
};

/** Writes one prepared document in its own transaction; returns what happened to it. */
async function writeDocument(ctx: AppContext, actor: Actor, role: Role, prepared: Extract<Prepared, { kind: 'document' }>): Promise<Outcome> {
  return withWrite(ctx, async ({ trx, audit }) => {
    const now = ctx.clock.now().toISOString();
    const base = { ...prepared.document, imported_at: now };
    const { publisher_namespace: namespace, tracking_id: trackingId, tracking_version: version } = base;
    const existing = await findAdvisoryWithDocuments(trx, namespace, trackingId);
    let outcome: Outcome;
    let advisoryId: string;
    if (!existing) {
      outcome = 'imported';
      advisoryId = timeOrderedId();
      await trx
        .insertInto('advisories')
        .values({ id: advisoryId, source: 'csaf', publisher_namespace: namespace, tracking_id: trackingId, tracking_id_norm: normaliseKey(trackingId), current_document_id: base.id, created_at: now, updated_at: now })
        .execute();
      await insertDocument(trx, { ...base, advisory_id: advisoryId, is_current: 1, variant: 0, variant_of_document_id: null }, prepared.children);
    } else {
      advisoryId = existing.id;
      // Stored meanwhile (the same bytes twice in one import, or another import running).
      if (existing.documents.some((document) => document.sha256 === base.sha256)) return 'unchanged';
      const sameVersion = existing.documents.filter((document) => compareTrackingVersions(document.tracking_version, version) === 0);
      const current = existing.documents.find((document) => document.is_current === 1);
      let row: AdvisoryDocumentsTable;
      if (sameVersion.length > 0) {
        outcome = 'variant';
        const original = sameVersion.find((document) => document.variant === 0) ?? sameVersion[0]!;
        row = { ...base, advisory_id: advisoryId, is_current: 0, variant: 1, variant_of_document_id: original.id };
      } else if (!current || compareTrackingVersions(version, current.tracking_version) > 0) {
        outcome = 'newer';
        row = { ...base, advisory_id: advisoryId, is_current: 1, variant: 0, variant_of_document_id: null };
      } else {
        outcome = 'older';
        row = { ...base, advisory_id: advisoryId, is_current: 0, variant: 0, variant_of_document_id: null };
      }
      await attachDocument(trx, { advisoryId, advisoryVersion: existing.version, document: row, children: prepared.children, now });
    }
    await audit({
      actor,
      role,
      action: 'advisory.import',
      objectType: 'advisory',
      objectId: advisoryId,
      siteId: null,
      summary:
        `Imported CSAF document ${quote(trackingId)} version ${quote(version)} (${outcomeText[outcome]}${base.validation_status === 'flagged' ? ', flagged: failed mandatory tests' : ''}) ` +
        `from ${quote(base.file_name)}, sha256 ${base.sha256}`,
    });
    return outcome;
  });
}

/**
 * Imports CSAF documents (INTERFACES.md `advisories import`). Needs 'advisory.import'. Parsing,
 * validation and hashing run outside transactions, ahead of the writer; each document is written in
 * its own transaction. Errors that are not about one file (database, disk) end the import; the
 * documents written before stay, each complete.
 */
export async function importAdvisories(ctx: AppContext, actor: Actor, input: ImportAdvisoriesInput): Promise<AdvisoryImportResult> {
  const role = authorize(actor, 'advisory.import', 'global');
  const result: AdvisoryImportResult = { imported: 0, updated: 0, unchanged: 0, flagged: [], rejected: [], skipped: [], findings_created: 0 };
  const sources = input.sources;
  if (sources.length === 0) return result;
  // Created on first need: a re-import of stored documents never loads the validation code.
  let created: Promise<CsafValidator> | undefined;
  const validator: CsafValidator = input.validator ?? {
    validateText: async (text) => (await (created ??= createCsafValidator({ language: actor.language }))).validateText(text),
    validateBytes: async (bytes) => (await (created ??= createCsafValidator({ language: actor.language }))).validateBytes(bytes),
    get ready() {
      return (created ??= createCsafValidator({ language: actor.language })).then((made) => made.ready);
    },
    close: async () => {
      if (created) await (await created).close();
    },
  };
  try {
    const pending = new Map<number, Promise<Prepared>>();
    const start = (index: number): void => {
      if (index < sources.length) pending.set(index, prepare(ctx, actor, sources[index]!, validator, input.via));
    };
    for (let index = 0; index < Math.min(PREPARE_AHEAD, sources.length); index += 1) start(index);
    for (let index = 0; index < sources.length; index += 1) {
      const prepared = await pending.get(index)!;
      pending.delete(index);
      start(index + PREPARE_AHEAD);
      if (prepared.kind === 'fatal') {
        // Let the files already being prepared finish before giving up, so nothing runs on after the return.
        await Promise.all(pending.values());
        throw prepared.error;
      }
      switch (prepared.kind) {
        case 'rejected':
          result.rejected.push({ file: prepared.file, errors: prepared.errors });
          break;
        case 'skipped':
          result.skipped.push({ file: prepared.file, reason: prepared.reason });
          break;
        case 'unchanged':
          result.unchanged += 1;
          if (prepared.flaggedErrors.length > 0) result.flagged.push({ file: prepared.file, tracking_id: prepared.trackingId, errors: prepared.flaggedErrors });
          break;
        case 'document': {
          let outcome: Outcome;
          try {
            outcome = await writeDocument(ctx, actor, role, prepared);
          } catch (error) {
            await Promise.all(pending.values());
            throw error;
          }
          if (outcome === 'imported') result.imported += 1;
          else if (outcome === 'unchanged') result.unchanged += 1;
          else result.updated += 1;
          const errors = [...prepared.flaggedErrors];
          if (outcome === 'variant') errors.push(problem('ADVISORY_VARIANT', actor.language, { version: prepared.document.tracking_version }));
          if (errors.length > 0) result.flagged.push({ file: prepared.file, tracking_id: prepared.document.tracking_id, errors });
          break;
        }
      }
      input.onProgress?.({ done: index + 1, total: sources.length });
    }
  } finally {
    if (!input.validator) await validator.close();
  }
  return result;
}
