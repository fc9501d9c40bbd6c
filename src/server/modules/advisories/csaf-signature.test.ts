import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { cisaWhite, corpusMissing } from './advisory-import.fixture.ts';
import { readVerificationKeys, verifyDetachedSignature, type VerificationKey } from './csaf-signature.ts';

/** A detached, armored signature of `bytes` made with `key` (as a CSAF provider publishes it beside the file). */
async function sign(bytes: Uint8Array, key: openpgp.PrivateKey, config?: Partial<openpgp.Config>): Promise<Buffer> {
  const message = await openpgp.createMessage({ binary: bytes });
  // openpgp's overloads of sign() are opaque to the linter's type information; the armored format returns a string.
  const signature = (await openpgp.sign({ message, signingKeys: key, detached: true, format: 'armored', config: config ?? {} })) as unknown as string;
  return Buffer.from(signature);
}

describe('verifyDetachedSignature', { skip: corpusMissing }, () => {
  let provider: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
  let stranger: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
  let keys: VerificationKey[];
  let document: Buffer;
  before(async () => {
    provider = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Provider', email: 'psirt@example.org' }], format: 'object' });
    stranger = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Stranger' }], format: 'object' });
    keys = await readVerificationKeys(Buffer.from(provider.publicKey.armor()));
    document = readFileSync(path.join(cisaWhite, '2019/icsa-19-050-04.json'));
  });

  it('verifies a signature over the exact bytes and names the key by fingerprint', async () => {
    const check = await verifyDetachedSignature(document, await sign(document, provider.privateKey), keys);
    assert.deepEqual(check, { status: 'verified', fingerprint: provider.publicKey.getFingerprint().toUpperCase() });
  });

  it('reads binary (unarmored) keys and signatures too', async () => {
    const binaryKeys = await readVerificationKeys(provider.publicKey.write());
    const message = await openpgp.createMessage({ binary: document });
    const signature = (await openpgp.sign({ message, signingKeys: provider.privateKey, detached: true, format: 'binary' })) as unknown as Uint8Array;
    assert.equal((await verifyDetachedSignature(document, signature, binaryKeys)).status, 'verified');
  });

  it('reports one changed byte as an invalid signature, naming the key', async () => {
    const signature = await sign(document, provider.privateKey);
    const tampered = Buffer.from(document);
    tampered[100]! ^= 0x01;
    const check = await verifyDetachedSignature(tampered, signature, keys);
    assert.equal(check.status, 'invalid');
    assert.equal(check.status === 'invalid' && check.keyId, provider.publicKey.getKeyID().toHex().toUpperCase());
  });

  it('reports a signature by a key that was not given as unknown key — also the real CISA signature', async () => {
    const check = await verifyDetachedSignature(document, await sign(document, stranger.privateKey), keys);
    assert.deepEqual(check, { status: 'unknown_key', keyId: stranger.publicKey.getKeyID().toHex().toUpperCase() });
    const cisa = readFileSync(path.join(cisaWhite, '2019/icsa-19-050-04.json.asc'));
    assert.deepEqual(await verifyDetachedSignature(document, cisa, keys), { status: 'unknown_key', keyId: 'CAC5AC4F74164B17' });
  });

  it('reports a signature file that is not OpenPGP as unreadable', async () => {
    const check = await verifyDetachedSignature(document, Buffer.from('-----BEGIN PGP SIGNATURE-----\n…\n-----END PGP SIGNATURE-----\n'), keys);
    assert.equal(check.status, 'unreadable');
  });

  it('reports a 1024-bit RSA key as an algorithm not accepted, not as tampering', async () => {
    const weak = await openpgp.generateKey({ type: 'rsa', rsaBits: 1024, userIDs: [{ name: 'Weak' }], format: 'object', config: { minRSABits: 1024 } });
    const check = await verifyDetachedSignature(document, await sign(document, weak.privateKey, { minRSABits: 1024 }), [weak.publicKey]);
    assert.equal(check.status, 'algorithm_rejected');
    assert.match(check.status === 'algorithm_rejected' ? check.reason : '', /too weak/);
  });

  it('refuses a key file without a key', async () => {
    await assert.rejects(readVerificationKeys(Buffer.from('no key here')));
  });
});
