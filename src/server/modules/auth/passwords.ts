import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { AppError } from '../../errors/app-error.ts';

/** Minimum password length in characters (code points). */
export const MIN_PASSWORD_LENGTH = 12;

// Algorithm is an ambient const enum, which verbatimModuleSyntax cannot read: 2 is its Argon2id.
const argon2id = 2 as Algorithm.Argon2id;
const argonOptions = { algorithm: argon2id };

/** Throws PASSWORD_TOO_SHORT when the password has fewer than MIN_PASSWORD_LENGTH characters. */
export function checkPasswordLength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AppError('PASSWORD_TOO_SHORT', { min: MIN_PASSWORD_LENGTH });
}

/** argon2id hash (PHC string) of a password. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** True when the password matches the stored hash; false for malformed hashes. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification without a user, so that unknown usernames take as long as
 * wrong passwords. Always false.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash('patchwerk-no-such-user', argonOptions);
  await verifyPassword(await dummyHash, password);
  return false;
}
