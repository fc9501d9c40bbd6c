import { roles, type Role } from '../policies/roles.ts';

//                                                       anon  admin    sec.off  engin.   maint.   quality  setup    operat.  auditor  vendor
// on the "own" site (the vendor: on one machine there), calling for an object in the own site and
// for one in the other site. route-matrix.test.ts fails on any difference and on any route missing
// here. Statuses: 2xx done · 400 invalid input · 401 no session · 403 in scope, not permitted ·
// 404 out of scope · 412 permitted (stale If-Match sent on purpose).

/** One column of the table. */
export interface MatrixColumn {
  name: string;
  role: Role | null;
  side: 'own' | 'other';
}

/** anonymous, then admin/own, admin/other, security_officer/own, … in the order of `roles`. */
export const matrixColumns: MatrixColumn[] = [
  { name: 'anonymous', role: null, side: 'own' },
  ...roles.flatMap((role) => (['own', 'other'] as const).map((side) => ({ name: `${role}/${side}`, role, side }))),
];

// Columns: anonymous, then own/other pairs for admin, security_officer, engineering, maintenance,
// quality, setup, operator, auditor, vendor.
//                                                       anon  admin    sec.off  engin.   maint.   quality  setup    operat.  auditor  vendor
export const routeMatrix = {
  'GET /healthz':                                       '200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /readyz':                                        '200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /metrics':                                       '200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /api/openapi.json':                              '200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /api/v1/setup':                                  '200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/setup':                                 '400  400 400  400 400  400 400  400 400  400 400  400 400  400 400  400 400  400 400',
  'POST /api/v1/auth/login':                            '401  401 401  401 401  401 401  401 401  401 401  401 401  401 401  401 401  401 401',
  'POST /api/v1/auth/logout':                           '401  204 204  204 204  204 204  204 204  204 204  204 204  204 204  204 204  204 204',
  'GET /api/v1/auth/me':                                '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'PATCH /api/v1/auth/me':                              '401  412 412  412 412  412 412  412 412  412 412  412 412  412 412  412 412  412 412',
  'POST /api/v1/auth/password':                         '401  400 400  400 400  400 400  400 400  400 400  400 400  400 400  400 400  400 400',
  'GET /api/v1/users':                                  '401  200 200  200 200  403 403  403 403  403 403  403 403  403 403  200 200  403 403',
  'POST /api/v1/users':                                 '401  201 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/users/:id':                              '401  200 404  200 404  403 404  403 404  403 404  403 404  403 404  200 404  403 404',
  'PATCH /api/v1/users/:id':                            '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/users/:id/disable':                     '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/users/:id/enable':                      '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/users/:id/grants':                      '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'DELETE /api/v1/users/:id/grants/:grant_id':          '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/users/:id/password':                    '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/users/:id/history':                      '401  200 404  200 404  403 404  403 404  403 404  403 404  403 404  200 404  403 404',
  'GET /api/v1/tokens':                                 '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/tokens':                                '401  201 403  201 403  201 403  201 403  201 403  201 403  201 403  201 403  201 403',
  'POST /api/v1/tokens/:id/revoke':                     '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'GET /api/v1/audit':                                  '401  200 200  200 200  403 403  403 403  403 403  403 403  403 403  200 200  403 403',
  'GET /api/v1/audit/verify':                           '401  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/audit/objects/:object_type/:object_id':  '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/artifacts':                             '401  201 404  201 404  201 404  201 404  201 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/artifacts/:id':                          '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'GET /api/v1/artifacts/:id/download':                 '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'GET /api/v1/sites':                                  '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/sites':                                 '401  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/sites/:key':                             '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'PATCH /api/v1/sites/:key':                           '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/sites/:key/areas':                       '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/sites/:key/areas':                      '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'PATCH /api/v1/areas/:id':                            '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/segments':                               '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/segments':                              '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/segments/:id':                           '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'PATCH /api/v1/segments/:id':                         '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/machines':                               '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/machines':                              '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/machines/:machine_id':                   '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'PATCH /api/v1/machines/:machine_id':                 '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/machines/:machine_id/decommission':     '401  412 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'PUT /api/v1/machines/:machine_id/interfaces':        '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/machines/:machine_id/components':        '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'POST /api/v1/machines/:machine_id/components':       '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/components/:id':                         '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'PATCH /api/v1/components/:id':                       '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/components/:id/remove':                 '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'POST /api/v1/inventory/import':                      '401  200 200  403 403  200 200  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/inventory/export':                       '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /api/v1/inventory/template':                     '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /api/v1/conduits':                               '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/conduits':                              '401  201 400  403 400  201 400  403 400  403 400  403 400  403 400  403 400  400 400',
  'GET /api/v1/conduits/:id':                           '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'PATCH /api/v1/conduits/:id':                         '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'DELETE /api/v1/conduits/:id':                        '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/brokers':                                '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/brokers':                               '401  201 400  403 400  201 400  403 400  403 400  403 400  403 400  403 400  400 400',
  'GET /api/v1/brokers/:id':                            '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'PATCH /api/v1/brokers/:id':                          '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'DELETE /api/v1/brokers/:id':                         '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/ip-register':                            '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'GET /api/v1/machines/:machine_id/partner-systems':   '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'POST /api/v1/machines/:machine_id/partner-systems':  '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'PATCH /api/v1/partner-systems/:id':                  '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'DELETE /api/v1/partner-systems/:id':                 '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/spare-parts':                            '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/spare-parts':                           '401  201 404  403 404  201 404  201 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/spare-parts/:id':                        '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'PATCH /api/v1/spare-parts/:id':                      '401  412 404  403 404  412 404  412 404  403 404  403 404  403 404  403 404  404 404',
  'DELETE /api/v1/spare-parts/:id':                     '401  412 404  403 404  412 404  412 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/contracts':                              '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/contracts':                             '401  201 400  403 400  201 400  403 400  403 400  403 400  403 400  403 400  403 400',
  'GET /api/v1/contracts/:id':                          '401  200 404  200 404  200 404  200 404  200 404  403 404  403 404  200 404  403 404',
  'GET /api/v1/contracts/:id/history':                  '401  200 404  200 404  200 404  200 404  200 404  403 404  403 404  200 404  403 404',
  'PATCH /api/v1/contracts/:id':                        '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/test-templates':                         '401  200 404  200 404  200 404  200 404  200 404  403 404  403 404  200 404  200 404',
  'POST /api/v1/test-templates':                        '401  201 404  403 404  201 404  403 404  403 404  403 404  403 404  403 404  404 404',
  'GET /api/v1/test-templates/:id':                     '401  200 404  200 404  200 404  200 404  200 404  403 404  403 404  200 404  200 404',
  'PUT /api/v1/test-templates/:id':                     '401  412 404  403 404  412 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'GET /api/v1/topology':                              '401  200 404  200 404  200 404  200 404  200 404  200 404  200 404  200 404  404 404',
  'POST /api/v1/demo/load':                             '401  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  // Installation-wide settings: everyone reads them; changing needs an admin for all sites (the matrix's admins are site-scoped).
  'GET /api/v1/settings/advisory-visibility':           '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'PUT /api/v1/settings/advisory-visibility':           '401  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  // Advisories are installation-wide: own = a TLP WHITE advisory, other = a TLP AMBER one (admin and security_officer only).
  'GET /api/v1/advisories':                             '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/advisories/import':                     '401  200 200  200 200  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/advisories/:advisory_id':                '401  200 200  200 200  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'GET /api/v1/advisories/:advisory_id/documents/:document_id/raw':'401  200 200  200 200  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  // Manual vendor notices: own = a TLP WHITE notice, other = a TLP AMBER one; writes need advisory.manual_* (admin, security_officer).
  'POST /api/v1/advisories/manual':                     '401  201 201  201 201  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/advisories/manual/:advisory_id':         '401  200 200  200 200  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  'PUT /api/v1/advisories/manual/:advisory_id':         '401  412 412  412 412  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'POST /api/v1/advisories/manual/:advisory_id/link':   '401  412 412  412 412  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'POST /api/v1/advisories/manual/:advisory_id/attachments':'401  201 201  201 201  403 403  403 403  403 403  403 403  403 403  403 403  403 403',
  'GET /api/v1/advisories/manual/:advisory_id/attachments/:attachment_id/download':'401  200 200  200 200  200 404  200 404  200 404  200 404  200 404  200 404  200 404',
  // Findings live in the site of their machine: own = a finding on the own site's machine, other = one on the other site's.
  'GET /api/v1/findings':                               '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'GET /api/v1/findings/summary':                       '401  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200  200 200',
  'POST /api/v1/findings/:finding_id/false-match':      '401  409 404  409 404  409 404  403 404  403 404  403 404  403 404  403 404  403 404',
  'DELETE /api/v1/findings/:finding_id/false-match':    '401  409 404  409 404  409 404  403 404  403 404  403 404  403 404  403 404  403 404',
} as const satisfies Record<string, string>;

/** Reads one row into column name → status. */
export function parseMatrixRow(row: string): Record<string, number> {
  const statuses = row.trim().split(/\s+/).map(Number);
  if (statuses.length !== matrixColumns.length || statuses.some((status) => !Number.isInteger(status))) {
    throw new Error(`matrix row needs ${matrixColumns.length} statuses: ${row}`);
  }
  return Object.fromEntries(matrixColumns.map((column, index) => [column.name, statuses[index]!]));
}
