import { type Kysely } from 'kysely';

// OpenPGP verification of imported CSAF documents: the fingerprint of the key that verified the
// document's `.asc` signature, and the signature file itself in the artifact store (by SHA-256).
// `signature_status` gains 'verified'; documents whose signature fails are rejected, never stored.

/** Adds the signature's key fingerprint and the stored `.asc` to advisory documents. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('advisory_documents').addColumn('signature_key_fingerprint', 'text').execute();
  await db.schema.alterTable('advisory_documents').addColumn('signature_sha256', 'text').execute();
}
