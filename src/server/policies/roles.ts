/** The roles of PRODUCT.md, as stored codes. */
export const roles = [
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

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
