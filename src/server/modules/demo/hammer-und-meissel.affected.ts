// Which machines of the demo plant (hammer-und-meissel.ts) real CISA CSAF advisories of the corpus
// (../shared/corpus/cisa-csaf/) affect, and why — read from the documents, checked against them by
// hammer-und-meissel.affected.test.ts. The Matching work asserts its findings against this list.
// `advisory` is relative to the corpus' cisa-csaf folder.
//
// The set of affected machines is complete for the corpus: every other demo machine runs versions
// no advisory lists as affected for the same vendor and product. It names at least one advisory per
// affected machine, not every one: the S615, the S7-1500 F-CPU, the 840D sl and the IPC's WinCC
// appear in further advisories too. Products that merely share words with a component — "SINUMERIK
// 828D HW PU.4" (the panel hardware), "SINUMERIK ONE / 840D sl Handheld Terminal HT 10" — are
// other products and no finding.

/** One component of a demo machine and the advisory product that covers (or no longer covers) it. */
export interface AdvisoryFixtureEntry {
  machine_id: string;
  component: { vendor: string; name: string; version: string };
  advisory: string;
  tracking_id: string;
  product_id: string;
  cves: string[];
  /** Which branch or range of the advisory covers the installed version (or why it does not). */
  why: string;
}

/** Affected: the component's version lies in the advisory's affected range (13 machines; the worked example's lathe twice). */
export const affected: AdvisoryFixtureEntry[] = [
  {
    machine_id: 'HUM-RS-DRE-01',
    component: { vendor: 'Siemens', name: 'SINUMERIK ONE', version: 'V6.20' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-348-11.json',
    tracking_id: 'ICSA-23-348-11',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2023-46156'],
    why: 'Siemens > SINUMERIK ONE > vers:all/<V6.24: V6.20 is below the fixed V6.24 (the lathe of the worked example).',
  },
  {
    machine_id: 'HUM-RS-DRE-01',
    component: { vendor: 'Siemens', name: 'SINAMICS S120', version: 'V5.2 SP3' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-348-05.json',
    tracking_id: 'ICSA-23-348-05',
    product_id: 'CSAFPID-0007',
    cves: ['CVE-2022-47374', 'CVE-2022-47375'],
    why: 'Siemens > SINAMICS S120 (incl. SIPLUS variants) > <V5.2_SP3_HF15: V5.2 SP3 without hotfix is below HF15 (the lathe’s drive, a second finding on it).',
  },
  {
    machine_id: 'HUM-RS-DRE-02',
    component: { vendor: 'Siemens', name: 'SINUMERIK 828D', version: 'V4.94' },
    advisory: 'csaf_files/OT/white/2021/icsa-21-287-04.json',
    tracking_id: 'ICSA-21-287-04',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2021-37199'],
    why: 'Siemens > SINUMERIK 828D > <V4.95: V4.94 is below V4.95.',
  },
  {
    machine_id: 'HUM-RS-DRE-03',
    component: { vendor: 'Siemens', name: 'SINUMERIK 828D', version: 'V4.94' },
    advisory: 'csaf_files/OT/white/2021/icsa-21-287-04.json',
    tracking_id: 'ICSA-21-287-04',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2021-37199'],
    why: 'Siemens > SINUMERIK 828D > <V4.95: V4.94 is below V4.95 (twin of HUM-RS-DRE-02, same redundancy group).',
  },
  {
    machine_id: 'HUM-RS-FRA-01',
    component: { vendor: 'HEIDENHAIN', name: 'TNC 640', version: '340590 07 SP5' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-298-02.json',
    tracking_id: 'ICSA-22-298-02',
    product_id: 'CSAFPID-0001',
    cves: ['CVE-2022-41648'],
    why: 'HEIDENHAIN > TNC 640 controlling a HARTFORD 5A-65E > product_version "340590 07 SP5 Running HEROS 5.08.3 …": exactly this NC software on this machine.',
  },
  {
    machine_id: 'HUM-RS-FRA-02',
    component: { vendor: 'Haas Automation', name: 'Haas Controller', version: '100.20.000.1110' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-298-01.json',
    tracking_id: 'ICSA-22-298-01',
    product_id: 'CSAFPID-0001',
    cves: ['CVE-2022-2474', 'CVE-2022-2475', 'CVE-2022-41636'],
    why: 'Haas Automation, Inc > Haas Controller > product_version 100.20.000.1110: exactly the installed version.',
  },
  {
    machine_id: 'HUM-RS-SLF-01',
    component: { vendor: 'Siemens', name: 'SINUMERIK 840D sl', version: 'V4.93' },
    advisory: 'csaf_files/OT/white/2020/icsa-20-070-02.json',
    tracking_id: 'ICSA-20-070-02',
    product_id: 'CSAFPID-0005',
    cves: ['CVE-2019-18336'],
    why: 'Siemens > SINUMERIK 840D sl > <V4.94: V4.93 is below V4.94 (the branch <V4.8.6, CSAFPID-0004, does not cover it).',
  },
  {
    machine_id: 'HUM-RS-ERO-02',
    component: { vendor: 'Moxa', name: 'NPort 5110', version: '2.1' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-207-04.json',
    tracking_id: 'ICSA-22-207-04',
    product_id: 'CSAFPID-0001',
    cves: ['CVE-2022-2044', 'CVE-2022-2043'],
    why: 'MOXA > NPort 5110 > product_version 2.1: exactly the installed firmware of the DNC converter.',
  },
  {
    machine_id: 'HUM-RS-HMI-01',
    component: { vendor: 'Siemens', name: 'SIMATIC IPC677E', version: 'V25.02.10' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-047-09.json',
    tracking_id: 'ICSA-23-047-09',
    product_id: 'CSAFPID-0008',
    cves: ['CVE-2022-21198'],
    why: 'Siemens > SIMATIC IPC677E > <V25.02.14: BIOS V25.02.10 is below V25.02.14.',
  },
  {
    machine_id: 'HUM-RS-SPS-01',
    component: { vendor: 'Siemens', name: 'SIMATIC S7-1200 CPU 1214C DC/DC/DC', version: 'V4.7' },
    advisory: 'csaf_files/OT/white/2019/icsa-19-344-06.json',
    tracking_id: 'ICSA-19-344-06',
    product_id: 'CSAFPID-00011',
    cves: ['CVE-2019-10943'],
    why: 'Siemens > SIMATIC S7-1200 CPU family > ">= 4.4.0 (only affected by CVE-2019-10943)": open upwards, V4.7 is inside; no fix, only the mitigation "access protection".',
  },
  {
    machine_id: 'HUM-RS-NET-01',
    component: { vendor: 'Siemens', name: 'SCALANCE XC208', version: 'V4.4' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-320-08.json',
    tracking_id: 'ICSA-23-320-08',
    product_id: 'CSAFPID-0027',
    cves: ['CVE-2022-4203', 'CVE-2022-4304', 'CVE-2022-4450', 'CVE-2023-0216', 'CVE-2023-0217', 'CVE-2023-0401', 'CVE-2023-2650', 'CVE-2023-44317', 'CVE-2023-44319', 'CVE-2023-44320', 'CVE-2023-44322', 'CVE-2023-44373', 'CVE-2023-44374'],
    why: 'Siemens > SCALANCE XC208 (6GK5208-0BA00-2AC2) > <V4.5: V4.4 is below V4.5; the model number matches too.',
  },
  {
    machine_id: 'HUM-RS-FW-01',
    component: { vendor: 'Siemens', name: 'SCALANCE S615', version: 'V7.1.1' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-286-11.json',
    tracking_id: 'ICSA-22-286-11',
    product_id: 'CSAFPID-0019',
    cves: ['CVE-2022-31765'],
    why: 'Siemens > SCALANCE S615 (6GK5615-0AA00-2AA2) > vers:all/<V7.1.2: V7.1.1 is below V7.1.2.',
  },
  {
    machine_id: 'HUM-LS-PRS-01',
    component: { vendor: 'Siemens', name: 'SIMATIC S7-1500 CPU 1516F-3 PN/DP', version: 'V2.9.4' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-349-03.json',
    tracking_id: 'ICSA-22-349-03',
    product_id: 'CSAFPID-0033',
    cves: ['CVE-2021-40365', 'CVE-2021-44693', 'CVE-2021-44694', 'CVE-2021-44695'],
    why: 'Siemens > SIMATIC S7-1500 CPU 1516F-3 PN/DP (6ES7516-3FN01-0AB0) > vers:all/<V2.9.7: V2.9.4 is below V2.9.7.',
  },
  {
    machine_id: 'HUM-LS-FW-01',
    component: { vendor: 'Phoenix Contact', name: 'TC ROUTER 3002T-4G', version: '2.05.3' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-250-02.json',
    tracking_id: 'ICSA-23-250-02',
    product_id: 'CSAFPID-0001',
    cves: ['CVE-2023-3526', 'CVE-2023-3569'],
    why: 'Phoenix Contact > TC ROUTER 3002T-4G > < 2.07.2: 2.05.3 is below 2.07.2.',
  },
];

/** Not affected: the advisory names the product, but the installed version is already fixed or not listed. */
export const notAffected: AdvisoryFixtureEntry[] = [
  {
    machine_id: 'HUM-LS-FRA-01',
    component: { vendor: 'Siemens', name: 'SINUMERIK ONE', version: 'V6.24' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-348-11.json',
    tracking_id: 'ICSA-23-348-11',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2023-46156'],
    why: 'vers:all/<V6.24 ends below V6.24: the installed version is the fixed one.',
  },
  {
    machine_id: 'HUM-LS-FRA-02',
    component: { vendor: 'Siemens', name: 'SINUMERIK ONE', version: 'V6.24' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-348-11.json',
    tracking_id: 'ICSA-23-348-11',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2023-46156'],
    why: 'vers:all/<V6.24 ends below V6.24: the installed version is the fixed one.',
  },
  {
    machine_id: 'HUM-LS-DRE-01',
    component: { vendor: 'Siemens', name: 'SINUMERIK 828D', version: 'V4.95 SP1' },
    advisory: 'csaf_files/OT/white/2021/icsa-21-287-04.json',
    tracking_id: 'ICSA-21-287-04',
    product_id: 'CSAFPID-0002',
    cves: ['CVE-2021-37199'],
    why: '<V4.95: V4.95 SP1 is past the fix.',
  },
  {
    machine_id: 'HUM-RS-NET-02',
    component: { vendor: 'Siemens', name: 'SCALANCE XC216', version: 'V4.5' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-320-08.json',
    tracking_id: 'ICSA-23-320-08',
    product_id: 'CSAFPID-0034',
    cves: ['CVE-2023-44317'],
    why: '<V4.5: V4.5 is the fixed version.',
  },
  {
    machine_id: 'HUM-RS-SPS-01',
    component: { vendor: 'Siemens', name: 'SIMATIC S7-1200 CPU 1214C DC/DC/DC', version: 'V4.7' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-222-09.json',
    tracking_id: 'ICSA-23-222-09',
    product_id: 'CSAFPID-0030',
    cves: ['CVE-2022-4304'],
    why: 'SIMATIC S7-1200 CPU family > vers:all/<V4.7: V4.7 is the fixed version (the PLC stays affected by ICSA-19-344-06, which has no fix).',
  },
  {
    machine_id: 'HUM-LS-SPS-01',
    component: { vendor: 'WAGO', name: 'PFC200', version: 'FW27' },
    advisory: 'csaf_files/OT/white/2023/icsa-23-325-01.json',
    tracking_id: 'ICSA-23-325-01',
    product_id: 'CSAFPID-0004',
    cves: ['CVE-2023-4089'],
    why: '>FW16 up to and including FW26: FW27 is past the range.',
  },
  {
    machine_id: 'HUM-LS-PRS-01',
    component: { vendor: 'Siemens', name: 'SIMATIC HMI KTP700 Basic', version: 'V17 Update 5' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-286-14.json',
    tracking_id: 'ICSA-22-286-14',
    product_id: 'CSAFPID-0005',
    cves: ['CVE-2022-40227'],
    why: '<V17_Update_5: V17 Update 5 is the fixed version (the press stays affected through its CPU).',
  },
  {
    machine_id: 'HUM-RS-FRA-03',
    component: { vendor: 'HEIDENHAIN', name: 'TNC 640', version: '340595 10 SP2' },
    advisory: 'csaf_files/OT/white/2022/icsa-22-298-02.json',
    tracking_id: 'ICSA-22-298-02',
    product_id: 'CSAFPID-0001',
    cves: ['CVE-2022-41648'],
    why: 'The advisory names only NC software 340590 07 SP5 on the HARTFORD 5A-65E; this TNC 640 runs 340595 10 SP2 on a Hermle.',
  },
];
