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
import { advisoryKey, buildChildRows, documentHeader, demoteDocuments, findAdvisoriesByKey, findStoredDocument, insertAdvisories, insertDocuments, updateAdvisory, type DocumentChildRows } from './advisory-import.repository.ts';
import type { AdvisoryImportResult, AdvisoryProblem } from './advisory-import.schema.ts';
import { CSAF_MAX_BYTES, sizeRefusal } from './csaf-checks.ts';
import { verifyDetachedSignature, type VerificationKey } from './csaf-signature.ts';
import { createCsafValidator, type CsafProblem, type CsafValidator } from './csaf-validation.ts';
import { normaliseCsaf } from './csaf-normalise.ts';
import { timeOrderedId } from '../../db/time-ordered-id.ts';
import { matchDocuments } from '../matching/matching.service.ts';
import { placeRevision, type PlacedDocument } from './revision-placement.ts';

// `advisories import` (INTERFACES.md; PRODUCT.md §2): one use case for the CLI and the web upload.
// Per file, outside any transaction and many files at a time: read, check the hash sidecars,
// validate (one validator per import, in worker threads), normalise, put the raw bytes into the
// artifact store. Then, in file order, the documents are written in batches, each batch in one short
// write transaction with one audit event per document and one audit anchor update; the revision
// rules (revision-placement.ts) decide each document's place: a newer tracking version becomes
// current and the old one history; an older one is kept as history; the same version with other
// bytes is stored as a variant and flagged; the same bytes change nothing. Rejected files
// (unreadable, not JSON, schema-invalid, hash mismatch) store nothing; the import goes on with the
// next file.

export interface ImportAdvisoriesInput {
  sources: readonly AdvisoryFileSource[];
  /** How the documents arrived: 'file' (CLI) or 'upload' (web). */
  via: 'file' | 'upload';
  /** Called after each file with the number of files done. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** A validator to use (a server keeps one loaded); otherwise one is created for this import and closed. */
  validator?: CsafValidator;
  /** OpenPGP keys that `.asc` signatures must verify against (`--key`); without them signatures are reported as not checked. */
  keys?: readonly VerificationKey[];
}

/** How many files are read, validated and hashed ahead of the writer. */
const PREPARE_AHEAD = 64;
/** A write transaction takes at most this many documents, or this many bytes of them: short transactions, few audit anchor updates. */
const WRITE_BATCH_DOCUMENTS = 64;
const WRITE_BATCH_BYTES = 16 * 1024 * 1024;

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

/** What the `.asc` signature of a document says: rejected with a problem, or the document's signature fields and any info. */
async function checkSignature(
  source: AdvisoryFileSource,
  bytes: Buffer,
  keys: readonly VerificationKey[] | undefined,
  language: Language,
): Promise<{ rejected: AdvisoryProblem } | { fields: Pick<AdvisoryDocumentsTable, 'signature_status' | 'signature_key_fingerprint' | 'signature_sha256'>; info?: AdvisoryProblem; signature?: Buffer }> {
  const sidecar = source.sidecars.asc;
  const none = { signature_status: 'absent', signature_key_fingerprint: null, signature_sha256: null } as const;
  if (!sidecar) return { fields: none, ...(keys && keys.length > 0 ? { info: problem('ADVISORY_SIGNATURE_MISSING', language) } : {}) };
  const name = baseName(sidecar.name);
  if (!keys || keys.length === 0) return { fields: { ...none, signature_status: 'not_checked' }, info: problem('ADVISORY_SIGNATURE_NOT_CHECKED', language, { sidecar: name }) };
  let signature: Buffer;
  try {
    signature = await sidecar.read();
  } catch (error) {
    return { rejected: problem('ADVISORY_SIGNATURE_UNREADABLE', language, { sidecar: name, reason: readFailureReason(error) }) };
  }
  const check = await verifyDetachedSignature(bytes, signature, keys);
  switch (check.status) {
    case 'verified':
      return {
        fields: { signature_status: 'verified', signature_key_fingerprint: check.fingerprint, signature_sha256: createHash('sha256').update(signature).digest('hex') },
        signature,
      };
    case 'invalid':
      return { rejected: problem('ADVISORY_SIGNATURE_INVALID', language, { sidecar: name, keyId: check.keyId, reason: check.reason }) };
    case 'unknown_key':
      return { rejected: problem('ADVISORY_SIGNATURE_UNKNOWN_KEY', language, { sidecar: name, keyId: check.keyId || '?' }) };
    case 'algorithm_rejected':
      return { rejected: problem('ADVISORY_SIGNATURE_ALGORITHM', language, { sidecar: name, keyId: check.keyId, reason: check.reason }) };
    case 'unreadable':
      return { rejected: problem('ADVISORY_SIGNATURE_UNREADABLE', language, { sidecar: name, reason: check.reason }) };
  }
}

/** Everything that happens to one file before the database is written. Never throws: failures become outcomes. */
async function prepare(ctx: AppContext, actor: Actor, source: AdvisoryFileSource, validator: CsafValidator, input: Pick<ImportAdvisoriesInput, 'via' | 'keys'>): Promise<Prepared> {
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
    // Checked before anything else is looked at: bytes that fail their signature are not trusted, stored or not.
    const signature = await checkSignature(source, bytes, input.keys, language);
    if ('rejected' in signature) return { kind: 'rejected', file, errors: [signature.rejected] };

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
    if (signature.info) infos.push(signature.info);
    // File I/O stays outside the transaction; a blob whose row is never written is reused by the next import of the same bytes.
    if (!(await ctx.artifacts.has(sha256))) await ctx.artifacts.put(Readable.from([bytes]), { maxBytes: CSAF_MAX_BYTES });
    if (signature.signature && !(await ctx.artifacts.has(signature.fields.signature_sha256!))) {
      await ctx.artifacts.put(Readable.from([signature.signature]), { maxBytes: CSAF_MAX_BYTES });
    }

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
        received_via: input.via,
        ...documentHeader(advisory, { namespace, trackingId, trackingVersion }),
        validation_status: validation.valid ? 'valid' : 'flagged',
        validation_errors: JSON.stringify(validation.errors.map(toProblem)),
        validation_warnings: JSON.stringify(validation.warnings.map(toProblem)),
        validation_infos: JSON.stringify(infos),
        hash_sidecars: matched.length > 0 ? matched.join(',') : null,
        ...signature.fields,
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

type PreparedDocument = Extract<Prepared, { kind: 'document' }>;

interface AdvisoryInBatch {
  id: string;
  version: number;
  isNew: boolean;
  currentDocumentId: string | null;
  touched: boolean;
  documents: PlacedDocument[];
}

/**
 * Writes a batch of prepared documents in one short write transaction (one audit event per stored
 * document, one audit anchor update); returns what happened to each, in order. The revision rules
 * place every document among its advisory's stored documents and those placed before it in the batch.
 */
async function writeDocuments(ctx: AppContext, actor: Actor, role: Role, batch: readonly PreparedDocument[]): Promise<{ outcomes: Outcome[]; findingsCreated: number }> {
  return withWrite(ctx, async ({ trx, audit }) => {
    const now = ctx.clock.now().toISOString();
    const advisories = new Map<string, AdvisoryInBatch>();
    for (const [key, stored] of await findAdvisoriesByKey(trx, batch.map((prepared) => prepared.document))) {
      const current = stored.documents.find((document) => document.is_current === 1);
      advisories.set(key, { ...stored, isNew: false, touched: false, currentDocumentId: current?.id ?? null });
    }
    const rows: AdvisoryDocumentsTable[] = [];
    const children: DocumentChildRows[] = [];
    const rowsById = new Map<string, AdvisoryDocumentsTable>();
    const demoted: string[] = [];
    const outcomes: Outcome[] = [];
    const events: { advisoryId: string; row: AdvisoryDocumentsTable; outcome: Exclude<Outcome, 'unchanged'> }[] = [];
    for (const prepared of batch) {
      const { publisher_namespace: namespace, tracking_id: trackingId, tracking_version: version, sha256 } = prepared.document;
      const key = advisoryKey(namespace, trackingId);
      let advisory = advisories.get(key);
      const placement = placeRevision(advisory?.documents ?? [], sha256, version);
      outcomes.push(placement.outcome);
      if (placement.outcome === 'unchanged') continue;
      if (advisory) {
        advisory.version += 1;
        advisory.touched = true;
      } else {
        advisory = { id: timeOrderedId(), version: 1, isNew: true, currentDocumentId: null, touched: true, documents: [] };
        advisories.set(key, advisory);
      }
      if (placement.demoted) {
        advisory.documents.find((document) => document.id === placement.demoted)!.is_current = 0;
        const inBatch = rowsById.get(placement.demoted);
        if (inBatch) inBatch.is_current = 0;
        else demoted.push(placement.demoted);
      }
      const row: AdvisoryDocumentsTable = {
        ...prepared.document,
        imported_at: now,
        advisory_id: advisory.id,
        is_current: placement.is_current,
        variant: placement.variant,
        variant_of_document_id: placement.variant_of_document_id,
      };
      if (row.is_current === 1) advisory.currentDocumentId = row.id;
      advisory.documents.push({ id: row.id, sha256, tracking_version: version, is_current: row.is_current, variant: row.variant });
      rows.push(row);
      rowsById.set(row.id, row);
      children.push(prepared.children);
      events.push({ advisoryId: advisory.id, row, outcome: placement.outcome });
    }
    await demoteDocuments(trx, demoted);
    const touched = [...advisories.entries()].filter(([, advisory]) => advisory.touched);
    await insertAdvisories(
      trx,
      touched
        .filter(([, advisory]) => advisory.isNew)
        .map(([, advisory]) => {
          const row = rowsById.get(advisory.currentDocumentId!)!;
          return {
            id: advisory.id, source: 'csaf', publisher_namespace: row.publisher_namespace, tracking_id: row.tracking_id, tracking_id_norm: normaliseKey(row.tracking_id),
            current_document_id: advisory.currentDocumentId, version: advisory.version, created_at: now, updated_at: now,
          };
        }),
    );
    for (const [, advisory] of touched.filter(([, entry]) => !entry.isNew)) {
      await updateAdvisory(trx, advisory.id, { current_document_id: advisory.currentDocumentId, version: advisory.version, updated_at: now });
    }
    await insertDocuments(trx, rows, children);
    // The advisories whose current document changed are matched against the inventory in the same transaction.
    const matched = await matchDocuments(trx, rows.filter((row) => row.is_current === 1).map((row) => row.id), { now });
    for (const { advisoryId, row, outcome } of events) {
      await audit({
        actor,
        role,
        action: 'advisory.import',
        objectType: 'advisory',
        objectId: advisoryId,
        siteId: null,
        summary:
          `Imported CSAF document ${quote(row.tracking_id)} version ${quote(row.tracking_version)} (${outcomeText[outcome]}${row.validation_status === 'flagged' ? ', flagged: failed mandatory tests' : ''}) ` +
          `from ${quote(row.file_name)}, sha256 ${row.sha256}`,
      });
    }
    return { outcomes, findingsCreated: matched.created };
  });
}

/** Adds one file's outcome to the result (`outcome` for a document that went to the writer). */
function report(result: AdvisoryImportResult, prepared: Exclude<Prepared, { kind: 'fatal' }>, outcome: Outcome | undefined, language: Language): void {
  switch (prepared.kind) {
    case 'rejected':
      result.rejected.push({ file: prepared.file, errors: prepared.errors });
      return;
    case 'skipped':
      result.skipped.push({ file: prepared.file, reason: prepared.reason });
      return;
    case 'unchanged':
      result.unchanged += 1;
      if (prepared.flaggedErrors.length > 0) result.flagged.push({ file: prepared.file, tracking_id: prepared.trackingId, errors: prepared.flaggedErrors });
      return;
    case 'document': {
      if (outcome === 'imported') result.imported += 1;
      else if (outcome === 'unchanged') result.unchanged += 1;
      else result.updated += 1;
      const errors = [...prepared.flaggedErrors];
      if (outcome === 'variant') errors.push(problem('ADVISORY_VARIANT', language, { version: prepared.document.tracking_version }));
      if (errors.length > 0) result.flagged.push({ file: prepared.file, tracking_id: prepared.document.tracking_id, errors });
    }
  }
}

/**
 * Imports CSAF documents (INTERFACES.md `advisories import`). Needs 'advisory.import'. Parsing,
 * validation and hashing run outside transactions, ahead of the writer; documents are written in
 * batches of short transactions. Errors that are not about one file (database, disk) end the import; the
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
      if (index < sources.length) pending.set(index, prepare(ctx, actor, sources[index]!, validator, input));
    };
    for (let index = 0; index < Math.min(PREPARE_AHEAD, sources.length); index += 1) start(index);
    // Prepared files wait here, in file order, until a batch is full; then they are written and reported.
    let batch: Exclude<Prepared, { kind: 'fatal' }>[] = [];
    let batchDocuments = 0;
    let batchBytes = 0;
    let done = 0;
    const flush = async (): Promise<void> => {
      const documents = batch.filter((prepared): prepared is PreparedDocument => prepared.kind === 'document');
      let outcomes: Outcome[] = [];
      try {
        if (documents.length > 0) {
          const written = await writeDocuments(ctx, actor, role, documents);
          outcomes = written.outcomes;
          result.findings_created += written.findingsCreated;
        }
      } catch (error) {
        await Promise.all(pending.values());
        throw error;
      }
      let next = 0;
      for (const prepared of batch) report(result, prepared, prepared.kind === 'document' ? outcomes[next++]! : undefined, actor.language);
      done += batch.length;
      batch = [];
      batchDocuments = 0;
      batchBytes = 0;
      input.onProgress?.({ done, total: sources.length });
    };
    for (let index = 0; index < sources.length; index += 1) {
      const prepared = await pending.get(index)!;
      pending.delete(index);
      if (prepared.kind === 'fatal') {
        // Let the files already being prepared finish before giving up, so nothing runs on after the return.
        await Promise.all(pending.values());
        throw prepared.error;
      }
      start(index + PREPARE_AHEAD);
      batch.push(prepared);
      if (prepared.kind === 'document') {
        batchDocuments += 1;
        batchBytes += prepared.document.size;
      }
      if (batchDocuments >= WRITE_BATCH_DOCUMENTS || batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    if (!input.validator) await validator.close();
  }
  return result;
}
