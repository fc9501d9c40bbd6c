import * as openpgp from 'openpgp';

// OpenPGP verification of a CSAF document's detached `.asc` signature (CSAF 2.0 §7.1.19: the
// provider signs each file; the signature covers the file's bytes). openpgp v6 refuses SHA-1, RSA
// below 2047 bits and DSA/ElGamal by default: such a signature is reported as an algorithm that is
// not accepted, not as tampering.

export type VerificationKey = openpgp.PublicKey;

export type SignatureCheck =
  | { status: 'verified'; fingerprint: string }
  | { status: 'invalid'; keyId: string; reason: string }
  | { status: 'unknown_key'; keyId: string }
  | { status: 'algorithm_rejected'; keyId: string; reason: string }
  | { status: 'unreadable'; reason: string };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Messages of openpgp v6 that mean "this algorithm or key size is not accepted" rather than "these bytes were not signed". */
const rejectedAlgorithm = /too weak|insecure|not allowed|unsupported|not supported|deprecated|SHA1|MD5|DSA|ElGamal/i;

/** Reads the public keys of an armored (or binary) OpenPGP key file; throws with the reason when there are none. */
export async function readVerificationKeys(file: Uint8Array): Promise<VerificationKey[]> {
  const text = Buffer.from(file).toString('utf8');
  const keys = text.includes('-----BEGIN PGP')
    ? await openpgp.readKeys({ armoredKeys: text })
    : await openpgp.readKeys({ binaryKeys: file });
  return keys.map((key) => key.toPublic());
}

/** Verifies `signature` (the `.asc` file) over `bytes` with any of `keys`. Never throws. */
export async function verifyDetachedSignature(bytes: Uint8Array, signature: Uint8Array, keys: readonly VerificationKey[]): Promise<SignatureCheck> {
  let parsed: openpgp.Signature;
  try {
    const text = Buffer.from(signature).toString('utf8');
    parsed = text.includes('-----BEGIN PGP SIGNATURE-----')
      ? await openpgp.readSignature({ armoredSignature: text })
      : await openpgp.readSignature({ binarySignature: signature });
  } catch (error) {
    return { status: 'unreadable', reason: message(error) };
  }
  const keyIds = parsed.getSigningKeyIDs();
  const keyId = keyIds[0]?.toHex().toUpperCase() ?? '';
  const signingKey = keys.find((key) => keyIds.some((id) => key.getKeys(id).length > 0));
  if (!signingKey) return { status: 'unknown_key', keyId };
  try {
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: bytes }),
      signature: parsed,
      verificationKeys: [signingKey],
      format: 'binary',
    });
    await result.signatures[0]!.verified;
    return { status: 'verified', fingerprint: signingKey.getFingerprint().toUpperCase() };
  } catch (error) {
    const reason = message(error);
    return rejectedAlgorithm.test(reason) ? { status: 'algorithm_rejected', keyId, reason } : { status: 'invalid', keyId, reason };
  }
}
