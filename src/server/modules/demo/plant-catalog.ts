import type { ComponentType, ZoneType } from '../../db/schema.ts';

// Reference data of the demo plant: real vendors of control products with plausible product
// names, order numbers and versions. CPEs follow the NVD's naming where the NVD has one; PURLs
// only where a package ecosystem exists (Linux distributions, runtimes).

/** A product that can be installed on a machine; `{v}` in cpe/purl is replaced by the version. */
export interface CatalogProduct {
  vendor: string;
  type: ComponentType;
  name: string;
  model: string | null;
  versions: readonly string[];
  cpe: string | null;
  purl: string | null;
}

const p = (vendor: string, type: ComponentType, name: string, model: string | null, versions: string[], cpe: string | null = null, purl: string | null = null): CatalogProduct => ({
  vendor, type, name, model, versions, cpe, purl,
});

export const products: readonly CatalogProduct[] = [
  p('Siemens', 'plc', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '6ES7516-3AN02-0AB0', ['2.9.4', '2.9.7', '3.0.3', '3.1.2'], 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'plc', 'SIMATIC S7-1200 CPU 1214C DC/DC/DC', '6ES7214-1AG40-0XB0', ['4.5.2', '4.6.1', '4.7.0'], 'cpe:2.3:o:siemens:simatic_s7-1200_cpu_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'plc', 'SIMATIC S7-300 CPU 315-2 PN/DP', '6ES7315-2EH14-0AB0', ['3.2.17', '3.2.19'], 'cpe:2.3:o:siemens:simatic_s7-300_cpu_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'hmi', 'SIMATIC HMI Comfort Panel TP1200', '6AV2124-0MC01-0AX0', ['17.0.0.0', '18.0.0.0'], 'cpe:2.3:o:siemens:simatic_hmi_comfort_panels_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'application', 'SIMATIC WinCC Unified', null, ['18.0.0', '19.0.1'], 'cpe:2.3:a:siemens:simatic_wincc_unified:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'firmware', 'SINUMERIK 840D sl NCU 730.3', '6FC5373-0AA30-0AA2', ['4.8.6', '4.95.2'], 'cpe:2.3:o:siemens:sinumerik_840d_sl_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'network', 'SCALANCE XC208', '6GK5208-0BA00-2AC2', ['4.4', '4.5.1'], 'cpe:2.3:o:siemens:scalance_xc208_firmware:{v}:*:*:*:*:*:*:*'),
  p('Siemens', 'firmware', 'SINAMICS S120 CU320-2 PN', '6SL3040-1MA01-0AA0', ['5.2.3', '5.2.6'], 'cpe:2.3:o:siemens:sinamics_s120_firmware:{v}:*:*:*:*:*:*:*'),
  p('Beckhoff', 'application', 'TwinCAT 3 XAR', 'TC1000', ['3.1.4024.56', '3.1.4026.8'], 'cpe:2.3:a:beckhoff:twincat:{v}:*:*:*:*:*:*:*'),
  p('Beckhoff', 'firmware', 'CX9020 Embedded-PC', 'CX9020-0110', ['3.1.4022.29']),
  p('Beckhoff', 'firmware', 'EK1100 EtherCAT-Koppler', 'EK1100-0000', ['0018', '0019']),
  p('Rockwell Automation', 'plc', 'Allen-Bradley ControlLogix 5580', '1756-L83E', ['33.011', '34.014', '35.013'], 'cpe:2.3:o:rockwellautomation:controllogix_5580_firmware:{v}:*:*:*:*:*:*:*'),
  p('Rockwell Automation', 'plc', 'Allen-Bradley CompactLogix 5380', '5069-L320ER', ['33.015', '35.011'], 'cpe:2.3:o:rockwellautomation:compactlogix_5380_firmware:{v}:*:*:*:*:*:*:*'),
  p('Rockwell Automation', 'hmi', 'PanelView Plus 7', '2711P-T10C22D9P', ['12.0', '13.0'], 'cpe:2.3:o:rockwellautomation:panelview_plus_7_firmware:{v}:*:*:*:*:*:*:*'),
  p('Rockwell Automation', 'application', 'FactoryTalk View SE', null, ['12.0', '13.0'], 'cpe:2.3:a:rockwellautomation:factorytalk_view:{v}:*:*:*:site_edition:*:*:*'),
  p('Schneider Electric', 'plc', 'Modicon M580 BMEP58', 'BMEP584040', ['4.01', '4.10'], 'cpe:2.3:o:schneider-electric:modicon_m580_firmware:{v}:*:*:*:*:*:*:*'),
  p('Schneider Electric', 'plc', 'Modicon M241', 'TM241CE40R', ['5.1.9.34', '5.2.11.24'], 'cpe:2.3:o:schneider-electric:modicon_m241_firmware:{v}:*:*:*:*:*:*:*'),
  p('Schneider Electric', 'application', 'EcoStruxure Machine Expert', null, ['2.1', '2.2'], 'cpe:2.3:a:schneider-electric:ecostruxure_machine_expert:{v}:*:*:*:*:*:*:*'),
  p('Phoenix Contact', 'plc', 'PLCnext Control AXC F 2152', '2404267', ['2023.0.7', '2024.0.2'], 'cpe:2.3:o:phoenixcontact:axc_f_2152_firmware:{v}:*:*:*:*:*:*:*'),
  p('Phoenix Contact', 'network', 'FL SWITCH 2308', '2702652', ['3.27', '3.40']),
  p('Phoenix Contact', 'network', 'mGuard RS4000', '2700634', ['8.9.3', '10.3.1'], 'cpe:2.3:o:phoenixcontact:fl_mguard_rs4000_firmware:{v}:*:*:*:*:*:*:*'),
  p('B&R Industrial Automation', 'plc', 'X20 CPU X20CP3586', 'X20CP3586', ['4.12.4', '6.1.0']),
  p('B&R Industrial Automation', 'application', 'Automation Runtime', null, ['4.93', '6.0.2'], 'cpe:2.3:o:br-automation:automation_runtime:{v}:*:*:*:*:*:*:*'),
  p('Bosch Rexroth', 'firmware', 'IndraDrive Cs', 'HCS01.1E-W0028', ['MPB20V18', 'MPB20V24']),
  p('Bosch Rexroth', 'plc', 'ctrlX CORE', 'XCR-V-0120', ['2.4.2', '2.6.0']),
  p('Festo', 'plc', 'CPX-E-CEC-M1-PN', '5226780', ['3.5.16.40', '3.5.18.20'], 'cpe:2.3:o:festo:cpx-e-cec-m1-pn_firmware:{v}:*:*:*:*:*:*:*'),
  p('Festo', 'firmware', 'CMMT-AS Servoregler', '5340815', ['019.1.10', '020.0.2']),
  p('Pilz', 'plc', 'PNOZmulti 2 Basisgerät', 'PNOZ m B0', ['1.4', '1.6']),
  p('Pilz', 'plc', 'PSS 4000 PSSu K F PN', '312181', ['1.23.0', '1.24.1']),
  p('SICK', 'firmware', 'Sicherheitslaserscanner microScan3', '1075843', ['1.8.0', '1.9.1'], 'cpe:2.3:o:sick:microscan3_firmware:{v}:*:*:*:*:*:*:*'),
  p('SICK', 'firmware', 'Lector 63x Bildcodeleser', '1108219', ['2.4.1', '3.0.0']),
  p('WAGO', 'plc', 'PFC200 750-8212', '750-8212', ['03.10.08', '04.02.13'], 'cpe:2.3:o:wago:750-8212_firmware:{v}:*:*:*:*:*:*:*'),
  p('WAGO', 'application', 'CODESYS V3 Runtime', null, ['3.5.17.30', '3.5.19.50'], 'cpe:2.3:a:codesys:runtime_toolkit:{v}:*:*:*:*:*:*:*'),
  p('Mitsubishi Electric', 'plc', 'MELSEC iQ-R R04CPU', 'R04CPU', ['58', '61'], 'cpe:2.3:o:mitsubishielectric:melsec_iq-r_r04cpu_firmware:{v}:*:*:*:*:*:*:*'),
  p('Mitsubishi Electric', 'hmi', 'GOT2000 GT2710', 'GT2710-VTBA', ['1.275M', '1.290C']),
  p('Omron', 'plc', 'Sysmac NX1P2', 'NX1P2-9024DT', ['1.50', '1.64'], 'cpe:2.3:o:omron:nx1p2_firmware:{v}:*:*:*:*:*:*:*'),
  p('Omron', 'plc', 'Sysmac NJ501', 'NJ501-1300', ['1.49', '1.62'], 'cpe:2.3:o:omron:nj501-1300_firmware:{v}:*:*:*:*:*:*:*'),
  p('Keyence', 'plc', 'KV-8000', 'KV-8000', ['2.3', '2.6']),
  p('Keyence', 'firmware', 'CV-X Bildverarbeitung', 'CV-X450F', ['5.2', '5.4']),
  p('Heidenhain', 'firmware', 'TNC 640', '1258488-01', ['34059x-17', '34059x-18'], 'cpe:2.3:o:heidenhain:tnc_640_firmware:{v}:*:*:*:*:*:*:*'),
  p('Heidenhain', 'firmware', 'TNC 620', '1081185-01', ['81760x-17', '81760x-18']),
  p('Fanuc', 'firmware', 'Series 0i-F Plus', 'A02B-0339-B500', ['D4F1-35.0', 'D4F1-38.0']),
  p('Fanuc', 'firmware', 'R-30iB Plus Robotersteuerung', 'A05B-2670-B020', ['V9.30P/27', 'V9.40P/10']),
  p('TRUMPF', 'application', 'TruTops Boost', null, ['16.0.2', '17.1.0']),
  p('TRUMPF', 'firmware', 'TruLaser Steuerung Sinumerik 840D', null, ['4.8.6']),
  p('DMG MORI', 'application', 'CELOS', null, ['5.1', '5.3']),
  p('KUKA', 'firmware', 'KR C4 KUKA System Software', 'KSS 8.6', ['8.6.9', '8.7.4'], 'cpe:2.3:o:kuka:kr_c4_firmware:{v}:*:*:*:*:*:*:*'),
  p('KUKA', 'application', 'KUKA.WorkVisual', null, ['6.0.20', '6.0.27']),
  p('ABB', 'firmware', 'IRC5 RobotWare', '3HAC065000-001', ['6.13.04', '6.15.03'], 'cpe:2.3:o:abb:robotware:{v}:*:*:*:*:*:*:*'),
  p('ABB', 'firmware', 'ACS880 Antriebsfirmware', 'ACS880-01', ['3.41.0.0', '3.50.0.0']),
  p('ABB', 'application', 'Ability System 800xA', null, ['6.1.1', '6.2'], 'cpe:2.3:a:abb:800xa_system:{v}:*:*:*:*:*:*:*'),
  p('Yaskawa', 'firmware', 'YRC1000 Robotersteuerung', 'ERAR-1000', ['YAS4.31.00A', 'YAS4.50.00A']),
  p('Yaskawa', 'firmware', 'Sigma-7 Servoverstärker', 'SGD7S-2R8A00A', ['0027', '0031']),
  p('Endress+Hauser', 'firmware', 'Promag 300 Durchflussmessgerät', '5W3B25', ['01.01.03', '01.02.00']),
  p('Endress+Hauser', 'firmware', 'Micropilot FMR20', 'FMR20-2X1S8', ['01.00.01']),
  p('Pepperl+Fuchs', 'firmware', 'IO-Link-Master ICE2-8IOL', '70113505', ['1.6.11', '2.0.3']),
  p('Pepperl+Fuchs', 'application', 'Visunet RM Shell', null, ['5.1', '6.0']),
  p('Turck', 'firmware', 'TBEN-S2-4IOL', '6814024', ['3.4.3.0', '3.5.0.0']),
  p('Balluff', 'firmware', 'BNI IO-Link-Master BNI0077', 'BNI PNT-508-105-Z015', ['2.1.0', '2.3.2']),
  p('ifm electronic', 'firmware', 'AL1350 IO-Link-Master', 'AL1350', ['2.3.11', '4.4.3']),
  p('Moxa', 'network', 'EDS-408A', 'EDS-408A', ['3.11', '3.13'], 'cpe:2.3:o:moxa:eds-408a_firmware:{v}:*:*:*:*:*:*:*'),
  p('Moxa', 'network', 'NPort 5150', 'NPort 5150', ['3.11', '3.12'], 'cpe:2.3:o:moxa:nport_5150_firmware:{v}:*:*:*:*:*:*:*'),
  p('Hirschmann', 'network', 'RSP35 HiOS', '942053001', ['9.1.02', '10.0.00'], 'cpe:2.3:o:belden:hirschmann_hios:{v}:*:*:*:*:*:*:*'),
  p('Weidmüller', 'network', 'IE-SW-PL08M', '1286550000', ['3.6.7', '3.7.1']),
  p('Weidmüller', 'plc', 'u-control 2000', 'UC20-WL2000-AC', ['1.16.0', '2.0.1']),
  p('Lenze', 'firmware', 'i950 Servo-Inverter', 'I95AE155F10V10000S', ['01.04', '01.07']),
  p('SEW-EURODRIVE', 'firmware', 'MOVI-C Controller power', 'UHX65A-N', ['6.0.1', '7.0.0']),
  p('Danfoss', 'firmware', 'VLT AutomationDrive FC 302', '131B0001', ['8.22', '8.41']),
  p('Eaton', 'plc', 'easyE4', 'EASY-E4-UC-12RC1', ['1.30', '2.10']),
  p('Eaton', 'hmi', 'XV300 HMI', 'XV-303-10-B00-A00-1C', ['2.4.2']),
  p('Honeywell', 'plc', 'ControlEdge PLC', 'CEHM-PLC', ['151.2', '172.1']),
  p('Honeywell', 'application', 'Experion PKS', null, ['R511.5', 'R520.2'], 'cpe:2.3:a:honeywell:experion_process_knowledge_system:{v}:*:*:*:*:*:*:*'),
  p('Emerson', 'application', 'DeltaV', null, ['14.3', '15.1'], 'cpe:2.3:a:emerson:deltav:{v}:*:*:*:*:*:*:*'),
  p('Emerson', 'firmware', 'Rosemount 3051 Druckmessumformer', '3051CD', ['7.0', '8.1']),
  p('Yokogawa', 'application', 'CENTUM VP', null, ['R6.09', 'R6.11'], 'cpe:2.3:a:yokogawa:centum_vp:{v}:*:*:*:*:*:*:*'),
  p('Kistler', 'firmware', 'maXYmos TL Prozessüberwachung', '5877B', ['1.8.0', '2.0.0']),
  p('Hilscher', 'firmware', 'netX 90 Kommunikations-Stack', 'NX90', ['V5.3.0', 'V5.4.0']),
  p('Hilscher', 'firmware', 'cifX PC-Karte', 'CIFX 50-RE', ['V3.9.0']),
  p('Softing', 'application', 'edgeConnector Siemens', null, ['3.40', '3.60']),
  p('Softing', 'application', 'dataFEED OPC Suite', null, ['5.25', '5.30'], 'cpe:2.3:a:softing:opc_suite:{v}:*:*:*:*:*:*:*'),
  p('Microsoft', 'os', 'Windows 10 IoT Enterprise LTSC 2021', null, ['10.0.19044.5131', '10.0.19044.5737'], 'cpe:2.3:o:microsoft:windows_10_21h2:{v}:*:*:*:*:*:x64:*'),
  p('Microsoft', 'os', 'Windows 10 IoT Enterprise LTSC 2019', null, ['10.0.17763.6532', '10.0.17763.7136'], 'cpe:2.3:o:microsoft:windows_10_1809:{v}:*:*:*:*:*:x64:*'),
  p('Microsoft', 'application', 'SQL Server Express', null, ['15.0.4382.1', '16.0.4135.4'], 'cpe:2.3:a:microsoft:sql_server_2019:{v}:*:*:*:express:*:*:*'),
  p('Red Hat', 'os', 'Red Hat Enterprise Linux', null, ['8.10', '9.4'], 'cpe:2.3:o:redhat:enterprise_linux:{v}:*:*:*:*:*:*:*'),
  p('Red Hat', 'application', 'openssl', null, ['3.0.7-27.el9', '1.1.1k-12.el8_9'], null, 'pkg:rpm/redhat/openssl@{v}?arch=x86_64'),
  p('Canonical', 'os', 'Ubuntu', null, ['20.04', '22.04', '24.04'], 'cpe:2.3:o:canonical:ubuntu_linux:{v}:*:*:*:lts:*:*:*'),
  p('Canonical', 'application', 'openssh-server', null, ['1:8.9p1-3ubuntu0.10', '1:9.6p1-3ubuntu13.5'], null, 'pkg:deb/ubuntu/openssh-server@{v}?arch=amd64'),
  p('Eclipse Foundation', 'application', 'Eclipse Temurin JRE', null, ['11.0.25+9', '17.0.13+11'], null, 'pkg:generic/eclipse/temurin-jre@{v}'),
  p('Wonderware (AVEVA)', 'application', 'AVEVA InTouch HMI', null, ['2020 R2 SP1', '2023'], 'cpe:2.3:a:aveva:intouch:{v}:*:*:*:*:*:*:*'),
  p('COPA-DATA', 'application', 'zenon Runtime', null, ['11.2', '12.0'], 'cpe:2.3:a:copadata:zenon:{v}:*:*:*:*:*:*:*'),
  p('Inductive Automation', 'application', 'Ignition', null, ['8.1.43', '8.1.47'], 'cpe:2.3:a:inductiveautomation:ignition:{v}:*:*:*:*:*:*:*'),
  p('Kepware (PTC)', 'application', 'KEPServerEX', null, ['6.15', '6.16'], 'cpe:2.3:a:ptc:kepware_kepserverex:{v}:*:*:*:*:*:*:*'),
];

/** A kind of machine: its type, typical builders and their models, and its usual control vendors. */
export interface MachineKind {
  type: string;
  /** Short code in machine ids: DRE-0042. */
  code: string;
  builders: readonly { vendor: string; models: readonly string[] }[];
  /** Vendors whose products this kind usually carries first (controller, drives, HMI). */
  core: readonly string[];
  safety: string | null;
}

export const machineKinds: readonly MachineKind[] = [
  { type: 'Drehmaschine', code: 'DRE', builders: [{ vendor: 'DMG MORI', models: ['CTX beta 800', 'NLX 2500'] }, { vendor: 'EMAG', models: ['VL 4'] }], core: ['Siemens', 'Heidenhain'], safety: 'Not-Halt; Schutztürzuhaltung; sichere Spindeldrehzahl (SLS)' },
  { type: 'Fräsmaschine', code: 'FRA', builders: [{ vendor: 'DMG MORI', models: ['DMU 65 monoBLOCK', 'DMC 850 V'] }, { vendor: 'Hermle', models: ['C 42 U'] }], core: ['Heidenhain', 'Siemens'], safety: 'Not-Halt; Schutztürzuhaltung; sicherer Betriebshalt (SOS)' },
  { type: 'Laserschneidanlage', code: 'LAS', builders: [{ vendor: 'TRUMPF', models: ['TruLaser 3030 fiber', 'TruLaser 5030'] }], core: ['TRUMPF', 'Siemens'], safety: 'Laserschutzkabine; Not-Halt; Lichtgitter Beladung' },
  { type: 'Biegepresse', code: 'BIE', builders: [{ vendor: 'TRUMPF', models: ['TruBend 5130'] }, { vendor: 'Bystronic', models: ['Xpert 150'] }], core: ['Pilz', 'Bosch Rexroth'], safety: 'Lichtvorhang; Zweihandbedienung; Not-Halt' },
  { type: 'Roboterzelle Schweißen', code: 'ROB', builders: [{ vendor: 'KUKA', models: ['KR 16 R2010 Zelle'] }, { vendor: 'ABB', models: ['IRB 2600 ArcPack'] }, { vendor: 'Yaskawa', models: ['ArcWorld 2000'] }], core: ['KUKA', 'ABB', 'Yaskawa', 'SICK'], safety: 'Schutzzaun mit Türschalter; Laserscanner-Schutzfeld; Not-Halt' },
  { type: 'Montageanlage', code: 'MON', builders: [{ vendor: 'Festo', models: ['Handhabungsmodul YXMx'] }, { vendor: 'teamtechnik', models: ['TEAMOS 1'] }], core: ['Festo', 'Beckhoff', 'SICK'], safety: 'Lichtgitter; Schutztür; Not-Halt' },
  { type: 'Spritzgießmaschine', code: 'SGM', builders: [{ vendor: 'ARBURG', models: ['ALLROUNDER 570 A'] }, { vendor: 'ENGEL', models: ['victory 200'] }], core: ['B&R Industrial Automation', 'Keyence'], safety: 'Schutztür Werkzeugraum; Not-Halt' },
  { type: 'Verpackungsmaschine', code: 'VPM', builders: [{ vendor: 'Syntegon', models: ['Pack 403'] }, { vendor: 'Multivac', models: ['R 245'] }], core: ['Rockwell Automation', 'Omron', 'Schneider Electric'], safety: 'Schutzhauben verriegelt; Not-Halt' },
  { type: 'Förderanlage', code: 'FOE', builders: [{ vendor: 'SSI Schäfer', models: ['Behälterfördertechnik'] }], core: ['SEW-EURODRIVE', 'Siemens', 'ifm electronic'], safety: 'Reißleine; Not-Halt' },
  { type: 'Prüfstand', code: 'PRU', builders: [{ vendor: 'Kistler', models: ['maXYmos Prüfplatz'] }, { vendor: 'Hottinger Brüel & Kjær', models: ['QuantumX Prüfstand'] }], core: ['Kistler', 'Beckhoff', 'Microsoft'], safety: null },
  { type: 'Lackieranlage', code: 'LAC', builders: [{ vendor: 'Dürr', models: ['EcoRP E043i'] }], core: ['Siemens', 'ABB', 'Endress+Hauser'], safety: 'Ex-Schutz Zone 1; Brandmeldeanlage gekoppelt; Not-Halt' },
  { type: 'Prozessanlage Dosierung', code: 'DOS', builders: [{ vendor: 'Endress+Hauser', models: ['Dosierskid DS-20'] }], core: ['Emerson', 'Yokogawa', 'Endress+Hauser', 'Honeywell'], safety: 'SIL-2 Abschaltung Dosierventil' },
  { type: 'Leitstand / SCADA-Server', code: 'SCA', builders: [{ vendor: 'Siemens', models: ['SIMATIC IPC847E'] }, { vendor: 'Dell', models: ['PowerEdge R650'] }], core: ['Microsoft', 'Siemens', 'Inductive Automation', 'Kepware (PTC)'], safety: null },
  { type: 'Bedien-PC / Engineering-Station', code: 'ENG', builders: [{ vendor: 'Beckhoff', models: ['C6030'] }, { vendor: 'Siemens', models: ['SIMATIC Field PG M6'] }], core: ['Microsoft', 'Beckhoff', 'Siemens'], safety: null },
  { type: 'Edge-Gateway', code: 'EDG', builders: [{ vendor: 'Siemens', models: ['SIMATIC IOT2050'] }, { vendor: 'Moxa', models: ['UC-8210'] }], core: ['Canonical', 'Softing', 'Hilscher'], safety: null },
];

/** A site of the demo plant. */
export interface SiteTemplate {
  code: string;
  name: string;
  time_zone: string;
  areas: readonly string[];
}

export const siteTemplates: readonly SiteTemplate[] = [
  { code: 'AUG', name: 'Werk Augsburg', time_zone: 'Europe/Berlin', areas: ['Halle 1 Zerspanung', 'Halle 2 Montage', 'Lackiererei'] },
  { code: 'CHE', name: 'Werk Chemnitz', time_zone: 'Europe/Berlin', areas: ['Blechbearbeitung', 'Schweißerei', 'Endmontage'] },
  { code: 'HEI', name: 'Werk Heilbronn', time_zone: 'Europe/Berlin', areas: ['Kunststofftechnik', 'Verpackung', 'Logistik'] },
  { code: 'BIE', name: 'Werk Bielefeld', time_zone: 'Europe/Berlin', areas: ['Prüffeld', 'Montage Nord', 'Montage Süd'] },
  { code: 'SAA', name: 'Werk Saarbrücken', time_zone: 'Europe/Berlin', areas: ['Gießerei', 'Bearbeitung', 'Härterei'] },
  { code: 'LNZ', name: 'Werk Linz', time_zone: 'Europe/Vienna', areas: ['Prozesstechnik', 'Abfüllung'] },
  { code: 'WIN', name: 'Werk Winterthur', time_zone: 'Europe/Zurich', areas: ['Präzisionsfertigung', 'Reinraum'] },
];

/** The segments every site gets; OT cells hold the machines. */
export const segmentTemplates: readonly { code: string; name: string; zone_type: ZoneType }[] = [
  { code: 'OT-ZELLE-1', name: 'OT-Zelle 1', zone_type: 'ot_cell' },
  { code: 'OT-ZELLE-2', name: 'OT-Zelle 2', zone_type: 'ot_cell' },
  { code: 'OT-ZELLE-3', name: 'OT-Zelle 3', zone_type: 'ot_cell' },
  { code: 'OT-ZELLE-4', name: 'OT-Zelle 4', zone_type: 'ot_cell' },
  { code: 'OT-DMZ', name: 'OT-DMZ (Historian, Patch-Server)', zone_type: 'ot_dmz' },
  { code: 'IT-BUERO', name: 'Büronetz', zone_type: 'it' },
  { code: 'FERNWARTUNG', name: 'Fernwartungszugang', zone_type: 'remote_access' },
];
