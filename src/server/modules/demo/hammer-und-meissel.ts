import type {
  BrokerKind,
  ComponentType,
  ConduitProtocol,
  ContractResponsibility,
  PartnerSystemKind,
  SparePartKind,
  TestItemGroup,
  ZoneType,
} from '../../db/schema.ts';
import type { PlantMachine } from './plant-rows.ts';

// The demo plant of `patchwerk demo load`: the tool maker "Hammer und Meißel" (20 staff, two sites,
// two shifts) as plain, typed data. Its machines carry real control products at versions chosen
// from the CISA CSAF advisories of the corpus: `hammer-und-meissel.affected.ts` names which
// machines a real advisory affects and why. Names, people, addresses and serial numbers are
// invented; addresses are private (RFC 1918) and e-mail domains are example.com.

/** A site with its calendar (plant holidays are when updates happen), halls and segments. */
export interface DemoSite {
  key: string;
  name: string;
  time_zone: string;
  /** ISO weekdays, 1 = Monday. */
  working_days: number[];
  shifts: { name: string; start: string; end: string }[];
  non_working_days: { day: string; label: string }[];
  areas: { key: string; name: string }[];
  segments: DemoSegment[];
}

export interface DemoSegment {
  key: string;
  name: string;
  vlan: number | null;
  /** Segments of one site never overlap. */
  cidr: string;
  zone_type: ZoneType;
}

/** An allowed flow; `null` at either end is the internet. */
export interface DemoConduit {
  site_key: string;
  from_segment: string | null;
  to_segment: string | null;
  protocol: ConduitProtocol;
  ports: string | null;
  service: string | null;
  purpose: string;
  firewall_rule: string | null;
  /** Carries remote access (vendor maintenance, cross-site monitoring). */
  remote_access: boolean;
}

export interface DemoBroker {
  site_key: string;
  segment_key: string;
  name: string;
  kind: BrokerKind;
  host: string;
  port: number | null;
  tls: boolean;
  notes: string | null;
}

export interface DemoInterface {
  /** Inside the CIDR of `segment_key`. */
  ip: string;
  mac: string | null;
  hostname: string | null;
  segment_key: string;
}

/** An installed software/firmware component; vendor and version are always given. */
export interface DemoComponent {
  component_type: ComponentType;
  vendor: string;
  name: string;
  component_version: string;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
}

export interface DemoPartnerSystem {
  name: string;
  kind: PartnerSystemKind;
  host: string | null;
  port: number | null;
  url: string | null;
  server_reachable: boolean | null;
  notes: string | null;
}

export interface DemoMachine extends PlantMachine {
  interfaces: DemoInterface[];
  components: DemoComponent[];
  partner_systems: DemoPartnerSystem[];
}

export interface DemoTestItem {
  key: string;
  group: TestItemGroup;
  description_de: string;
  description_en: string;
  expected_de: string;
  expected_en: string;
}

export interface DemoContact {
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
}

/** A framework contract with a machine builder or supplier, its machines and its test template. */
export interface DemoContract {
  reference: string;
  supplier: string;
  contacts: DemoContact[];
  update_obligation: string;
  responsibility: ContractResponsibility;
  update_method: string;
  sla: string;
  valid_from: string;
  valid_until: string | null;
  notes: string | null;
  machine_ids: string[];
  template: { name: string; items: DemoTestItem[] };
}

/** A test template for a machine type in one site (for machines whose contract names none). */
export interface DemoTypeTemplate {
  site_key: string;
  machine_type: string;
  name: string;
  items: DemoTestItem[];
}

export interface DemoSparePart {
  site_key: string;
  kind: SparePartKind;
  name: string;
  vendor: string | null;
  model_number: string | null;
  /** Firmware of a spare device: bring it up to date before it goes in. */
  firmware_version: string | null;
  quantity: number;
  storage_location: string | null;
  notes: string | null;
  machine_ids: string[];
}

export interface DemoPlant {
  company: string;
  sites: DemoSite[];
  conduits: DemoConduit[];
  brokers: DemoBroker[];
  machines: DemoMachine[];
  contracts: DemoContract[];
  type_templates: DemoTypeTemplate[];
  spare_parts: DemoSparePart[];
  /** The lathe of the worked example: its builder reports a flaw in the spindle speed limit. */
  worked_example: { machine_id: string; description_de: string; description_en: string };
}

// ---------------------------------------------------------------------------------------------
// Calendars

const shifts = [
  { name: 'Frühschicht', start: '06:00', end: '14:00' },
  { name: 'Spätschicht', start: '14:00', end: '22:00' },
];

/** Public holidays in North Rhine-Westphalia and the plant holidays (Betriebsferien) 2026–2027. */
const plantHolidays: { day: string; label: string }[] = [
  { day: '2026-01-01', label: 'Neujahr' },
  { day: '2026-04-03', label: 'Karfreitag' },
  { day: '2026-04-06', label: 'Ostermontag' },
  { day: '2026-05-01', label: 'Tag der Arbeit' },
  { day: '2026-05-14', label: 'Christi Himmelfahrt' },
  { day: '2026-05-15', label: 'Brückentag (Wartungsfenster)' },
  { day: '2026-05-25', label: 'Pfingstmontag' },
  { day: '2026-06-04', label: 'Fronleichnam' },
  { day: '2026-06-05', label: 'Brückentag (Wartungsfenster)' },
  ...workdays('2026-07-27', '2026-08-07', 'Betriebsferien Sommer'),
  { day: '2026-10-03', label: 'Tag der Deutschen Einheit' },
  { day: '2026-12-24', label: 'Heiligabend (Betriebsruhe)' },
  { day: '2026-12-25', label: '1. Weihnachtstag' },
  { day: '2026-12-26', label: '2. Weihnachtstag' },
  ...workdays('2026-12-28', '2026-12-31', 'Betriebsferien Jahreswechsel'),
  { day: '2027-01-01', label: 'Neujahr' },
  { day: '2027-03-26', label: 'Karfreitag' },
  { day: '2027-03-29', label: 'Ostermontag' },
  { day: '2027-05-01', label: 'Tag der Arbeit' },
  { day: '2027-05-06', label: 'Christi Himmelfahrt' },
  { day: '2027-05-07', label: 'Brückentag (Wartungsfenster)' },
  { day: '2027-05-17', label: 'Pfingstmontag' },
  { day: '2027-05-27', label: 'Fronleichnam' },
  { day: '2027-05-28', label: 'Brückentag (Wartungsfenster)' },
  ...workdays('2027-07-19', '2027-07-30', 'Betriebsferien Sommer'),
  { day: '2027-10-03', label: 'Tag der Deutschen Einheit' },
  { day: '2027-11-01', label: 'Allerheiligen' },
  { day: '2027-12-24', label: 'Heiligabend (Betriebsruhe)' },
  { day: '2027-12-25', label: '1. Weihnachtstag' },
  { day: '2027-12-26', label: '2. Weihnachtstag' },
  ...workdays('2027-12-27', '2027-12-31', 'Betriebsferien Jahreswechsel'),
];

/** The Monday-to-Friday days from `first` to `last` (inclusive), each with `label`. */
function workdays(first: string, last: string, label: string): { day: string; label: string }[] {
  const days: { day: string; label: string }[] = [];
  for (let at = new Date(`${first}T00:00:00Z`); at <= new Date(`${last}T00:00:00Z`); at = new Date(at.getTime() + 86_400_000)) {
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push({ day: at.toISOString().slice(0, 10), label });
  }
  return days;
}

// ---------------------------------------------------------------------------------------------
// Test items (German and English; Patchwerk's own wording)

const item = (key: string, group: TestItemGroup, de: [string, string], en: [string, string]): DemoTestItem => ({
  key,
  group,
  description_de: de[0],
  expected_de: de[1],
  description_en: en[0],
  expected_en: en[1],
});

const emergencyStop = item(
  'S1',
  'safety_function',
  ['Not-Halt am Bedienpult und am Handbediengerät auslösen.', 'Alle Achsen und die Spindel stehen still; die Not-Halt-Meldung erscheint; Quittieren erst nach Entriegeln.'],
  ['Press the emergency stop at the operator panel and at the handheld unit.', 'All axes and the spindle stop; the emergency-stop alarm appears; reset only after releasing the button.'],
);
const guardLocking = item(
  'S2',
  'safety_function',
  ['Schutztür bei drehender Spindel öffnen wollen.', 'Die Zuhaltung hält die Tür geschlossen, bis die Spindel steht.'],
  ['Try to open the guard door while the spindle turns.', 'Guard locking keeps the door shut until the spindle has stopped.'],
);
const safeSpeed = item(
  'S3',
  'safety_function',
  ['Im Einrichtbetrieb bei offener Tür eine Spindeldrehzahl über dem sicheren Grenzwert vorgeben.', 'Die sicher reduzierte Drehzahl wird nicht überschritten; die Steuerung stoppt mit Safety-Meldung.'],
  ['In setup mode with the door open, command a spindle speed above the safe limit.', 'The safely limited speed is never exceeded; the control stops with a safety alarm.'],
);
const chuckSpeed = item(
  'S4',
  'safety_function',
  ['Eine Drehzahl über der zulässigen Drehzahl des Spannfutters programmieren.', 'Die Steuerung begrenzt auf die zulässige Futterdrehzahl oder verweigert den Start.'],
  ['Program a speed above the permitted speed of the chuck.', 'The control limits to the chuck’s permitted speed or refuses to start.'],
);
const enablingSwitch = item(
  'S5',
  'safety_function',
  ['Achsen im Einrichtbetrieb mit dem Zustimmtaster verfahren und den Taster loslassen.', 'Bewegung nur bei gedrücktem Zustimmtaster; beim Loslassen sofortiger Stopp.'],
  ['Jog the axes in setup mode with the enabling switch and release it.', 'Motion only while the enabling switch is held; immediate stop on release.'],
);

const changedFunction = item(
  'C1',
  'changed_function',
  ['Die in der Freigabe des Herstellers genannten Änderungen nacheinander prüfen.', 'Jede genannte Änderung verhält sich wie in der Freigabe beschrieben.'],
  ['Check each change named in the builder’s release, one by one.', 'Every named change behaves as the release describes.'],
);
const versionCheck = item(
  'C2',
  'changed_function',
  ['Den installierten Softwarestand im Diagnosebild ablesen.', 'Der angezeigte Stand entspricht der Zielversion im Inventar.'],
  ['Read the installed software version in the diagnostics screen.', 'The version shown equals the target version in the inventory.'],
);

const testPart = (key: string, de: string, en: string): DemoTestItem =>
  item(key, 'unchanged_function', [`Referenzprogramm abarbeiten: ${de}`, 'Maße liegen innerhalb der Toleranz; keine neuen Alarme.'], [`Run the reference program: ${en}`, 'Dimensions are within tolerance; no new alarms.']);

const toolChange = item(
  'U2',
  'unchanged_function',
  ['Werkzeugwechsel über alle Plätze des Magazins bzw. Revolvers ausführen.', 'Jeder Platz wird angefahren; Werkzeugdaten bleiben erhalten.'],
  ['Change tools through every pocket of the magazine or turret.', 'Every pocket is reached; tool data is kept.'],
);
const referencePoints = item(
  'U3',
  'unchanged_function',
  ['Alle Achsen referenzieren und Nullpunkte prüfen.', 'Referenzpunkte und Nullpunktverschiebungen sind unverändert.'],
  ['Home all axes and check the work offsets.', 'Reference points and work offsets are unchanged.'],
);

const defaultPasswords = item(
  'SEC1',
  'security_setting',
  ['Benutzerkonten prüfen: keine Standardpasswörter, Servicekonto des Herstellers gesperrt.', 'Nur die benannten Konten sind aktiv; Standardpasswörter sind geändert.'],
  ['Check user accounts: no default passwords, the builder’s service account locked.', 'Only the named accounts are active; default passwords are changed.'],
);
const services = item(
  'SEC2',
  'security_setting',
  ['Offene Dienste prüfen (z. B. FTP, Telnet, Webserver, VNC).', 'Nur die dokumentierten Dienste antworten.'],
  ['Check open services (e.g. FTP, Telnet, web server, VNC).', 'Only the documented services answer.'],
);
const remoteOff = item(
  'SEC3',
  'security_setting',
  ['Fernwartungszugang nach dem Update prüfen.', 'Der Zugang ist abgeschaltet und wird nur auf Anforderung freigegeben.'],
  ['Check the remote-maintenance access after the update.', 'Access is switched off and opened only on request.'],
);

const ncTransfer = item(
  'I1',
  'interface',
  ['Ein NC-Programm vom NC-Dateiserver laden und ein geändertes zurückspeichern.', 'Beide Übertragungen gelingen ohne Fehlermeldung.'],
  ['Load an NC program from the NC file server and save a changed one back.', 'Both transfers succeed without an error.'],
);
const mesStatus = item(
  'I2',
  'interface',
  ['Maschinenstatus und Stückzähler im MES beobachten.', 'Status und Zähler aktualisieren sich innerhalb einer Minute.'],
  ['Watch the machine status and part counter in the MES.', 'Status and counter update within a minute.'],
);
const brokerEvents = item(
  'I3',
  'interface',
  ['Einen Alarm auslösen und die Meldung am MQTT-Broker prüfen.', 'Die Meldung kommt am Broker an (TLS, Port 8883).'],
  ['Trigger an alarm and check the message at the MQTT broker.', 'The message arrives at the broker (TLS, port 8883).'],
);

const machineToolItems = (part: DemoTestItem, ...safety: DemoTestItem[]): DemoTestItem[] => [
  ...safety,
  changedFunction,
  versionCheck,
  part,
  toolChange,
  referencePoints,
  defaultPasswords,
  services,
  remoteOff,
  ncTransfer,
  mesStatus,
  brokerEvents,
];

const latheItems = machineToolItems(testPart('U1', 'Prüfwelle drehen (Außen- und Innenkontur, Gewinde).', 'turn the test shaft (outer and inner contour, thread).'), emergencyStop, guardLocking, safeSpeed, chuckSpeed, enablingSwitch);
const millItems = machineToolItems(testPart('U1', 'Prüfwerkstück fräsen (Tasche, Bohrbild, 5-Achs-Kontur).', 'mill the test piece (pocket, hole pattern, 5-axis contour).'), emergencyStop, guardLocking, safeSpeed, enablingSwitch);
const grinderItems = machineToolItems(
  testPart('U1', 'Prüfplatte schleifen (Ebenheit, Parallelität, Rauheit).', 'grind the test plate (flatness, parallelism, roughness).'),
  emergencyStop,
  guardLocking,
  item(
    'S6',
    'safety_function',
    ['Scheibenschutzhaube öffnen und eine Scheibendrehzahl über der zulässigen Umfangsgeschwindigkeit vorgeben.', 'Die Spindel startet nicht bzw. die Drehzahl wird auf den zulässigen Wert begrenzt.'],
    ['Open the wheel guard and command a wheel speed above the permitted surface speed.', 'The spindle does not start, or the speed is limited to the permitted value.'],
  ),
);
const edmItems = machineToolItems(
  testPart('U1', 'Prüfkontur erodieren (Schnittspalt, Oberflächengüte).', 'erode the test contour (spark gap, surface finish).'),
  emergencyStop,
  item(
    'S7',
    'safety_function',
    ['Füllstand des Dielektrikums unter die Mindesthöhe absenken (Prüfstellung).', 'Der Generator schaltet ab; die Löschanlage ist bereit; Meldung am Bedienpult.'],
    ['Lower the dielectric level below the minimum (test position).', 'The generator switches off; the fire extinguisher is armed; alarm at the panel.'],
  ),
);
const cmmItems: DemoTestItem[] = [
  emergencyStop,
  item(
    'S8',
    'safety_function',
    ['Kollisionsschutz des Tastkopfs auslösen (Prüfkörper antasten mit Überweg).', 'Die Maschine stoppt sofort; der Tastkopf meldet Kollision.'],
    ['Trip the probe’s collision protection (overtravel against a test body).', 'The machine stops at once; the probe reports a collision.'],
  ),
  changedFunction,
  versionCheck,
  item(
    'U1',
    'unchanged_function',
    ['Einmessung mit Referenzkugel und Prüfplan „Normal“ abarbeiten.', 'Messunsicherheit innerhalb der Spezifikation; Ergebnis wie vor dem Update.'],
    ['Qualify with the reference sphere and run the test plan “Normal”.', 'Uncertainty within specification; same result as before the update.'],
  ),
  defaultPasswords,
  remoteOff,
  item(
    'I4',
    'interface',
    ['Messprotokoll auf die Dateifreigabe der Qualitätssicherung schreiben.', 'Das Protokoll liegt im Ordner der Qualitätssicherung und im MES vor.'],
    ['Write the measurement report to the quality share.', 'The report is in the quality folder and in the MES.'],
  ),
];
const pressItems: DemoTestItem[] = [
  emergencyStop,
  item(
    'S9',
    'safety_function',
    ['Lichtvorhang während der Stößelabwärtsbewegung unterbrechen.', 'Der Stößel stoppt innerhalb des gemessenen Nachlaufwegs; Wiederanlauf nur nach Quittierung.'],
    ['Interrupt the light curtain while the ram moves down.', 'The ram stops within the measured overrun distance; restart only after reset.'],
  ),
  item(
    'S10',
    'safety_function',
    ['Zweihandbedienung: einen Taster loslassen bzw. beide zeitversetzt (> 0,5 s) drücken.', 'Kein Hub bzw. sofortiger Stopp.'],
    ['Two-hand control: release one button, or press both more than 0.5 s apart.', 'No stroke, or an immediate stop.'],
  ),
  item(
    'S11',
    'safety_function',
    ['Nachlaufmessung mit dem Nachlaufmessgerät durchführen.', 'Der Nachlauf liegt unter dem Wert, der dem Sicherheitsabstand zugrunde liegt.'],
    ['Measure the overrun with the overrun meter.', 'The overrun is below the value the safety distance is based on.'],
  ),
  item(
    'S12',
    'safety_function',
    ['F-CPU: Sicherheitsprogramm-Signatur und Passivierung der F-Peripherie prüfen.', 'Die Signatur entspricht dem Abnahmestand; keine passivierte F-Peripherie.'],
    ['F-CPU: check the safety program signature and passivation of fail-safe I/O.', 'The signature equals the accepted one; no fail-safe I/O is passivated.'],
  ),
  changedFunction,
  versionCheck,
  item(
    'U1',
    'unchanged_function',
    ['Tuschierhub mit Prüfwerkzeug bei Nenndruck fahren.', 'Presskraft und Parallelität wie im Abnahmeprotokoll.'],
    ['Run a spotting stroke with the test die at nominal pressure.', 'Force and parallelism as in the acceptance report.'],
  ),
  defaultPasswords,
  services,
  remoteOff,
  item(
    'I5',
    'interface',
    ['Prozessdaten über OPC UA vom Leitstand lesen.', 'Presskraft, Hubzahl und Status werden angezeigt.'],
    ['Read process data over OPC UA from the control room.', 'Force, stroke count and status are shown.'],
  ),
];
const networkItems: DemoTestItem[] = [
  item(
    'S13',
    'safety_function',
    ['Nach dem Neustart die sicherheitsgerichtete Kommunikation (PROFIsafe) der angeschlossenen Maschinen prüfen.', 'Keine F-Peripherie ist passiviert; keine Kommunikationsfehler im Diagnosepuffer.'],
    ['After the restart check the safety communication (PROFIsafe) of the attached machines.', 'No fail-safe I/O is passivated; no communication errors in the diagnostic buffer.'],
  ),
  changedFunction,
  versionCheck,
  item(
    'U4',
    'unchanged_function',
    ['VLANs, Portzuordnung und Redundanz mit der gesicherten Konfiguration vergleichen.', 'Keine Abweichung zur gesicherten Konfiguration.'],
    ['Compare VLANs, port assignment and redundancy with the saved configuration.', 'No difference to the saved configuration.'],
  ),
  defaultPasswords,
  services,
  item(
    'SEC4',
    'security_setting',
    ['Firewall-Regeln mit den dokumentierten Verbindungen (Conduits) vergleichen.', 'Jede Regel entspricht einer dokumentierten Verbindung; keine zusätzlichen Regeln.'],
    ['Compare the firewall rules with the documented conduits.', 'Every rule matches a documented conduit; no extra rules.'],
  ),
  item(
    'I6',
    'interface',
    ['Erreichbarkeit von MES, NC-Dateiserver und MQTT-Broker aus jeder Zelle prüfen.', 'Alle dokumentierten Verbindungen funktionieren; undokumentierte sind gesperrt.'],
    ['Check reachability of the MES, NC file server and MQTT broker from every cell.', 'All documented flows work; undocumented ones are blocked.'],
  ),
  item(
    'I7',
    'interface',
    ['Standortkopplung und Fernüberwachung zwischen den Werken prüfen.', 'Der IPsec-Tunnel steht; die Maschinen des anderen Werks erscheinen im Leitstand.'],
    ['Check the site link and cross-site monitoring.', 'The IPsec tunnel is up; the other site’s machines appear in the control room.'],
  ),
];
const pcItems: DemoTestItem[] = [
  item(
    'S14',
    'safety_function',
    ['Prüfen, dass vom Leitstand keine Maschinenbewegung ausgelöst werden kann.', 'Der Leitstand zeigt nur an; Startbefehle werden von den Maschinen abgewiesen.'],
    ['Check that the control room cannot start machine motion.', 'The control room only displays; machines refuse start commands.'],
  ),
  changedFunction,
  versionCheck,
  item(
    'U5',
    'unchanged_function',
    ['Leitstandsoftware starten und alle Maschinenbilder öffnen.', 'Alle Bilder öffnen ohne Fehler; Trends zeigen Daten.'],
    ['Start the control-room software and open every machine screen.', 'All screens open without errors; trends show data.'],
  ),
  defaultPasswords,
  services,
  item(
    'SEC5',
    'security_setting',
    ['Virenschutz-Signaturen und Anwendungs-Whitelisting prüfen.', 'Signaturen aktuell; Whitelisting aktiv im Modus „Blockieren“.'],
    ['Check antivirus signatures and application whitelisting.', 'Signatures current; whitelisting active in blocking mode.'],
  ),
  ncTransfer,
  mesStatus,
];
const controllerItems: DemoTestItem[] = [
  item(
    'S15',
    'safety_function',
    ['Not-Aus der Anlage auslösen.', 'Pumpen bzw. Verdichter stoppen; Störmeldung im Leitstand.'],
    ['Trigger the installation’s emergency stop.', 'Pumps or compressors stop; fault shown in the control room.'],
  ),
  changedFunction,
  versionCheck,
  item(
    'U6',
    'unchanged_function',
    ['Regelbetrieb eine Schicht lang beobachten (Druck, Füllstand, Temperatur).', 'Werte im Sollbereich; keine Störmeldungen.'],
    ['Watch normal operation for one shift (pressure, level, temperature).', 'Values in range; no faults.'],
  ),
  defaultPasswords,
  services,
  item(
    'I8',
    'interface',
    ['Messwerte am MQTT-Broker prüfen.', 'Die Werte kommen im Minutentakt an.'],
    ['Check the readings at the MQTT broker.', 'Readings arrive every minute.'],
  ),
];

// ---------------------------------------------------------------------------------------------
// Partner systems

const mes: DemoPartnerSystem = { name: 'MES (Betriebsdatenerfassung)', kind: 'mes', host: 'mes.hum.example.com', port: 443, url: 'https://mes.hum.example.com/', server_reachable: true, notes: 'Läuft im Büronetz des Stammwerks; Maschinen liefern über den MES-Connector in der OT-DMZ.' };
const erp: DemoPartnerSystem = { name: 'ERP (Aufträge, Stücklisten)', kind: 'erp', host: 'erp.hum.example.com', port: 443, url: 'https://erp.hum.example.com/', server_reachable: true, notes: 'Nur lesend: Auftragsdaten für die Rüstplanung.' };
const ncShare = (site: 'rs' | 'ls', folder: string): DemoPartnerSystem => ({
  name: 'NC-Dateiserver',
  kind: 'file_share',
  host: null,
  port: null,
  url: `\\\\fs-nc01.${site}.hum.example.com\\nc\\${folder}`,
  server_reachable: false,
  notes: 'SMB 3 mit Signierung; je Halle ein Ordner, Schreibrecht nur für die Programmierer.',
});
const brokerRs: DemoPartnerSystem = { name: 'MQTT-Broker Stammwerk', kind: 'broker', host: '10.10.90.20', port: 8883, url: null, server_reachable: true, notes: 'Ereignisse und Zustände der Maschinen (TLS).' };
const brokerLs: DemoPartnerSystem = { name: 'MQTT-Broker Werk 2', kind: 'broker', host: '10.20.90.20', port: 8883, url: null, server_reachable: true, notes: 'Bridge zum Broker im Stammwerk über die IPsec-Kopplung.' };
const opcUa = (site: 'rs' | 'ls', ip: string): DemoPartnerSystem => ({
  name: 'OPC-UA-Gateway Leitstand',
  kind: 'opcua',
  host: null,
  port: null,
  url: `opc.tcp://${ip}:4840`,
  server_reachable: site === 'rs',
  notes: 'Liest Zustände, Zähler und Alarme der Maschine (nur lesend, Security-Mode SignAndEncrypt).',
});

// ---------------------------------------------------------------------------------------------
// Machines

const siemens = 'Siemens';
const windows10Ltsc2019: DemoComponent = {
  component_type: 'os',
  vendor: 'Microsoft',
  name: 'Windows 10 IoT Enterprise LTSC 2019',
  component_version: '10.0.17763.5936',
  model_number: null,
  cpe: 'cpe:2.3:o:microsoft:windows_10_1809:10.0.17763.5936:*:*:*:*:*:x64:*',
  purl: null,
};

const remoteOnRequest = (who: string): string =>
  `${who} über den Fernzugang des Standorts; nur auf Anforderung der Instandhaltung, zeitlich begrenzt freigeschaltet und protokolliert.`;

const rs = 'HUM-RS';
const ls = 'HUM-LS';

const machines: DemoMachine[] = [
  {
    machine_id: 'HUM-RS-DRE-01',
    name: 'Dreh-Fräszentrum CTX beta 800 TC',
    site_key: rs,
    area_key: 'HALLE-1',
    vendor: 'DMG MORI',
    model: 'CTX beta 800 TC',
    serial_number: 'CTX-8T-21-04417',
    machine_type: 'Drehmaschine',
    line: 'Prototypen',
    redundancy_group: null,
    criticality: 'high',
    safety_functions:
      'Not-Halt; Schutztür mit Zuhaltung; sicher reduzierte Spindeldrehzahl im Einrichtbetrieb (Safety Integrated); Begrenzung auf die zulässige Drehzahl des Spannfutters; Zustimmtaster am Handbediengerät.',
    safety_impact: 'critical',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2033-12-31',
    operating_system: 'SINUMERIK ONE (NCU-Linux) mit Windows-Bedien-PC',
    operating_software: 'SINUMERIK Operate mit CELOS',
    remote_access: remoteOnRequest('Hersteller-Service (DMG MORI)'),
    interfaces: [{ ip: '10.10.10.11', mac: '00:1b:1b:4a:10:11', hostname: 'rs-dre-01.ot.hum.example.com', segment_key: 'OT-DREHEN' }],
    components: [
      { component_type: 'plc', vendor: siemens, name: 'SINUMERIK ONE', component_version: 'V6.20', model_number: null, cpe: null, purl: null },
      { component_type: 'firmware', vendor: siemens, name: 'SINAMICS S120', component_version: 'V5.2 SP3', model_number: null, cpe: null, purl: null },
      { component_type: 'application', vendor: 'DMG MORI', name: 'CELOS', component_version: '6.2.1', model_number: null, cpe: null, purl: null },
      windows10Ltsc2019,
    ],
    partner_systems: [ncShare('rs', 'dreherei'), mes, brokerRs, opcUa('rs', '10.10.90.30')],
  },
  ...(['02', '03'] as const).map(
    (n): DemoMachine => ({
      machine_id: `HUM-RS-DRE-${n}`,
      name: `CNC-Drehmaschine TC 600 (${n === '02' ? 'links' : 'rechts'})`,
      site_key: rs,
      area_key: 'HALLE-1',
      vendor: 'SPINNER',
      model: 'TC 600-65 MCY',
      serial_number: `TC6-19-${n === '02' ? '1182' : '1183'}`,
      machine_type: 'Drehmaschine',
      line: 'Serienteile Drehen',
      redundancy_group: 'RG-TC600',
      criticality: 'medium',
      safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; sicher reduzierte Drehzahl im Einrichtbetrieb; Zustimmtaster.',
      safety_impact: 'critical',
      mission_impact: 'degraded',
      updatable: true,
      end_of_support: '2029-06-30',
      operating_system: 'SINUMERIK 828D (PPU)',
      operating_software: 'SINUMERIK Operate',
      remote_access: remoteOnRequest('Hersteller-Service (SPINNER)'),
      interfaces: [{ ip: `10.10.10.${n === '02' ? 12 : 13}`, mac: `00:1b:1b:4a:10:${n === '02' ? '12' : '13'}`, hostname: `rs-dre-${n}.ot.hum.example.com`, segment_key: 'OT-DREHEN' }],
      components: [
        { component_type: 'plc', vendor: siemens, name: 'SINUMERIK 828D', component_version: 'V4.94', model_number: null, cpe: null, purl: null },
      ],
      partner_systems: [ncShare('rs', 'dreherei'), mes],
    }),
  ),
  {
    machine_id: 'HUM-RS-FRA-01',
    name: '5-Achs-Bearbeitungszentrum 5A-65E',
    site_key: rs,
    area_key: 'HALLE-1',
    vendor: 'HARTFORD',
    model: '5A-65E',
    serial_number: '5A65E-2020-0309',
    machine_type: 'Fräsmaschine',
    line: 'Formenbau',
    redundancy_group: null,
    criticality: 'high',
    safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; sicher reduzierte Geschwindigkeit im Einrichtbetrieb; Zustimmtaster am Handrad.',
    safety_impact: 'critical',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2030-12-31',
    operating_system: 'HEROS 5.08.3',
    operating_software: 'HEIDENHAIN TNC 640',
    remote_access: remoteOnRequest('Service der HEIDENHAIN-Vertretung (TeleService)'),
    interfaces: [{ ip: '10.10.20.11', mac: null, hostname: 'rs-fra-01.ot.hum.example.com', segment_key: 'OT-FRAESEN' }],
    components: [
      { component_type: 'plc', vendor: 'HEIDENHAIN', name: 'TNC 640', component_version: '340590 07 SP5', model_number: null, cpe: null, purl: null },
      { component_type: 'os', vendor: 'HEIDENHAIN', name: 'HEROS', component_version: '5.08.3', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [ncShare('rs', 'fraeserei'), mes, opcUa('rs', '10.10.90.30')],
  },
  {
    machine_id: 'HUM-RS-FRA-02',
    name: 'Vertikal-Bearbeitungszentrum VF-2SS',
    site_key: rs,
    area_key: 'HALLE-1',
    vendor: 'Haas Automation',
    model: 'VF-2SS',
    serial_number: '1162934',
    machine_type: 'Fräsmaschine',
    line: 'Elektroden',
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Halt; Türverriegelung (Spindel und Achsen nur bei geschlossener Tür im Automatikbetrieb); Einrichtbetrieb mit reduzierter Geschwindigkeit.',
    safety_impact: 'marginal',
    mission_impact: 'degraded',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: 'Haas Next Generation Control',
    operating_software: 'Haas Controller',
    remote_access: 'Keiner. Maschinendaten (MDC, Port 5051) liest nur das Gateway im Leitstand.',
    interfaces: [{ ip: '10.10.20.12', mac: null, hostname: 'rs-fra-02.ot.hum.example.com', segment_key: 'OT-FRAESEN' }],
    components: [{ component_type: 'plc', vendor: 'Haas Automation', name: 'Haas Controller', component_version: '100.20.000.1110', model_number: null, cpe: null, purl: null }],
    partner_systems: [ncShare('rs', 'fraeserei'), mes],
  },
  {
    machine_id: 'HUM-RS-FRA-03',
    name: '5-Achs-Bearbeitungszentrum C 32 U',
    site_key: rs,
    area_key: 'HALLE-1',
    vendor: 'Hermle',
    model: 'C 32 U',
    serial_number: 'C32-23-05512',
    machine_type: 'Fräsmaschine',
    line: 'Formenbau',
    redundancy_group: null,
    criticality: 'high',
    safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; sicher reduzierte Geschwindigkeit im Einrichtbetrieb; Zustimmtaster am Handrad.',
    safety_impact: 'critical',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2035-12-31',
    operating_system: 'HEROS 5.12',
    operating_software: 'HEIDENHAIN TNC 640',
    remote_access: remoteOnRequest('Hermle-Service (Fernwartung über den Standortzugang)'),
    interfaces: [{ ip: '10.10.20.13', mac: null, hostname: 'rs-fra-03.ot.hum.example.com', segment_key: 'OT-FRAESEN' }],
    components: [
      { component_type: 'plc', vendor: 'HEIDENHAIN', name: 'TNC 640', component_version: '340595 10 SP2', model_number: null, cpe: null, purl: null },
      { component_type: 'os', vendor: 'HEIDENHAIN', name: 'HEROS', component_version: '5.12.0', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [ncShare('rs', 'fraeserei'), mes, brokerRs],
  },
  {
    machine_id: 'HUM-RS-ERO-01',
    name: 'Drahterodiermaschine MV2400R',
    site_key: rs,
    area_key: 'HALLE-2',
    vendor: 'Mitsubishi Electric',
    model: 'MV2400R Connect',
    serial_number: 'MV24-20-71058',
    machine_type: 'Erodiermaschine',
    line: 'Schneidwerkzeuge',
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Halt; Generatorabschaltung bei zu niedrigem Dielektrikum-Füllstand; Brandschutz-Löschanlage.',
    safety_impact: 'marginal',
    mission_impact: 'degraded',
    updatable: true,
    end_of_support: '2030-03-31',
    operating_system: 'Windows (Bediensystem des Herstellers)',
    operating_software: 'Mitsubishi Electric Advance Plus',
    remote_access: remoteOnRequest('Mitsubishi-Electric-Service (iQ Care Remote4U)'),
    interfaces: [{ ip: '10.10.30.11', mac: null, hostname: 'rs-ero-01.ot.hum.example.com', segment_key: 'OT-HALLE2' }],
    components: [{ component_type: 'plc', vendor: 'Mitsubishi Electric', name: 'Advance Plus CNC', component_version: 'D-CUBES 3.2', model_number: null, cpe: null, purl: null }],
    partner_systems: [ncShare('rs', 'erodieren'), mes],
  },
  {
    machine_id: 'HUM-RS-ERO-02',
    name: 'Senkerodiermaschine FORM 20',
    site_key: rs,
    area_key: 'HALLE-2',
    vendor: 'GF Machining Solutions',
    model: 'AgieCharmilles FORM 20',
    serial_number: 'F20-2009-3341',
    machine_type: 'Erodiermaschine',
    line: 'Formenbau',
    redundancy_group: null,
    criticality: 'low',
    safety_functions: 'Not-Halt; Generatorabschaltung bei zu niedrigem Dielektrikum-Füllstand; Brandschutz-Löschanlage.',
    safety_impact: 'marginal',
    mission_impact: 'degraded',
    updatable: false,
    end_of_support: '2019-12-31',
    operating_system: 'Windows XP Embedded (nicht mehr aktualisierbar)',
    operating_software: 'AC FORM HMI',
    remote_access: 'Keiner. NC-Programme kommen seriell (DNC) über einen Seriell-Ethernet-Umsetzer.',
    interfaces: [{ ip: '10.10.30.12', mac: '00:90:e8:5a:30:12', hostname: 'rs-ero-02-dnc.ot.hum.example.com', segment_key: 'OT-HALLE2' }],
    components: [
      { component_type: 'application', vendor: 'GF Machining Solutions', name: 'AC FORM HMI', component_version: '3.4', model_number: null, cpe: null, purl: null },
      { component_type: 'network', vendor: 'Moxa', name: 'NPort 5110', component_version: '2.1', model_number: 'NPort 5110', cpe: null, purl: null },
    ],
    partner_systems: [ncShare('rs', 'erodieren')],
  },
  {
    machine_id: 'HUM-RS-SLF-01',
    name: 'Profil- und Flachschleifmaschine PLANOMAT HP',
    site_key: rs,
    area_key: 'HALLE-2',
    vendor: 'Blohm',
    model: 'PLANOMAT HP 608',
    serial_number: 'PLH-17-2207',
    machine_type: 'Schleifmaschine',
    line: 'Schneidwerkzeuge',
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; Überwachung der Scheibenumfangsgeschwindigkeit; Schutzhaube Schleifscheibe.',
    safety_impact: 'critical',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2027-12-31',
    operating_system: 'SINUMERIK 840D sl (NCU) mit PCU 50.5',
    operating_software: 'SINUMERIK Operate mit Blohm-Schleifzyklen',
    remote_access: remoteOnRequest('United-Grinding-Service'),
    interfaces: [{ ip: '10.10.30.13', mac: '00:1b:1b:4a:30:13', hostname: 'rs-slf-01.ot.hum.example.com', segment_key: 'OT-HALLE2' }],
    components: [
      { component_type: 'plc', vendor: siemens, name: 'SINUMERIK 840D sl', component_version: 'V4.93', model_number: null, cpe: null, purl: null },
      { component_type: 'application', vendor: 'Blohm', name: 'Schleifzyklen GrindingStudio', component_version: '2.8', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [ncShare('rs', 'schleifen'), mes],
  },
  {
    machine_id: 'HUM-RS-SLF-02',
    name: 'Universal-Rundschleifmaschine S33',
    site_key: rs,
    area_key: 'HALLE-2',
    vendor: 'STUDER',
    model: 'S33',
    serial_number: 'S33-22-10457',
    machine_type: 'Schleifmaschine',
    line: 'Schneidwerkzeuge',
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; Überwachung der Scheibenumfangsgeschwindigkeit.',
    safety_impact: 'critical',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2034-12-31',
    operating_system: 'FANUC Series 0i-TF Plus',
    operating_software: 'StuderWIN',
    remote_access: remoteOnRequest('STUDER-Service (Remote Service)'),
    interfaces: [{ ip: '10.10.30.14', mac: null, hostname: 'rs-slf-02.ot.hum.example.com', segment_key: 'OT-HALLE2' }],
    components: [
      { component_type: 'plc', vendor: 'FANUC', name: 'Series 0i-TF Plus', component_version: 'D4F1-40.0', model_number: null, cpe: null, purl: null },
      { component_type: 'application', vendor: 'STUDER', name: 'StuderWIN', component_version: '8.3.2', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [ncShare('rs', 'schleifen'), mes],
  },
  {
    machine_id: 'HUM-RS-KMG-01',
    name: 'Koordinatenmessgerät CONTURA',
    site_key: rs,
    area_key: 'MESSRAUM',
    vendor: 'ZEISS',
    model: 'CONTURA 10/12/6 RDS',
    serial_number: '202231-9987',
    machine_type: 'Messmaschine',
    line: 'Qualitätssicherung',
    redundancy_group: null,
    criticality: 'high',
    safety_functions: 'Not-Halt; Kollisionsschutz des Tastkopfs; Geschwindigkeitsbegrenzung im Handbetrieb.',
    safety_impact: 'negligible',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2032-12-31',
    operating_system: 'Windows 10 IoT Enterprise LTSC 2019',
    operating_software: 'ZEISS CALYPSO',
    remote_access: remoteOnRequest('ZEISS-Service (Remote-Support-Sitzung)'),
    interfaces: [{ ip: '10.10.40.11', mac: null, hostname: 'rs-kmg-01.ot.hum.example.com', segment_key: 'OT-MESSRAUM' }],
    components: [
      { component_type: 'application', vendor: 'ZEISS', name: 'CALYPSO', component_version: '2022', model_number: null, cpe: null, purl: null },
      { component_type: 'firmware', vendor: 'ZEISS', name: 'C99 Controller', component_version: '6.4', model_number: null, cpe: null, purl: null },
      windows10Ltsc2019,
    ],
    partner_systems: [
      { name: 'Dateifreigabe Qualitätssicherung', kind: 'file_share', host: null, port: null, url: '\\\\fs-nc01.rs.hum.example.com\\qs\\messprotokolle', server_reachable: false, notes: 'Messprotokolle (PDF, Q-DAS).' },
      mes,
    ],
  },
  {
    machine_id: 'HUM-RS-HMI-01',
    name: 'Leitstand- und DNC-Rechner',
    site_key: rs,
    area_key: 'TECHNIK',
    vendor: 'Siemens',
    model: 'SIMATIC IPC677E',
    serial_number: 'VPM2015432',
    machine_type: 'HMI-PC',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: null,
    safety_impact: 'negligible',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2030-09-30',
    operating_system: 'Windows 10 IoT Enterprise LTSC 2019',
    operating_software: 'Leitstand und DNC-Verteilung; MES-Connector; OPC-UA-Gateway',
    remote_access: 'IT-Dienstleister über den Fernzugang (RDP nur über Sprungserver), auf Anforderung.',
    interfaces: [{ ip: '10.10.90.30', mac: '00:1b:1b:4a:90:30', hostname: 'rs-leitstand.dmz.hum.example.com', segment_key: 'OT-DMZ' }],
    components: [
      { component_type: 'firmware', vendor: siemens, name: 'SIMATIC IPC677E', component_version: 'V25.02.10', model_number: null, cpe: null, purl: null },
      windows10Ltsc2019,
      { component_type: 'application', vendor: siemens, name: 'SIMATIC WinCC Runtime Advanced', component_version: 'V17 Update 6', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [mes, erp, brokerRs],
  },
  {
    machine_id: 'HUM-RS-SPS-01',
    name: 'Kühlschmierstoff-Zentralanlage',
    site_key: rs,
    area_key: 'TECHNIK',
    vendor: 'Knoll Maschinenbau',
    model: 'KSS-Zentralanlage MicroPur',
    serial_number: 'KN-18-44107',
    machine_type: 'Versorgungsanlage',
    line: null,
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Aus der Anlage; Trockenlaufschutz der Pumpen; Überlaufschutz des Tanks.',
    safety_impact: 'marginal',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2032-12-31',
    operating_system: null,
    operating_software: 'SIMATIC S7-1200 Anwenderprogramm',
    remote_access: 'Keiner.',
    interfaces: [{ ip: '10.10.50.11', mac: '00:1b:1b:4a:50:11', hostname: 'rs-kss.ot.hum.example.com', segment_key: 'OT-VERSORGUNG' }],
    components: [{ component_type: 'plc', vendor: siemens, name: 'SIMATIC S7-1200 CPU 1214C DC/DC/DC', component_version: 'V4.7', model_number: '6ES7214-1AG40-0XB0', cpe: null, purl: null }],
    partner_systems: [brokerRs],
  },
  {
    machine_id: 'HUM-RS-NET-01',
    name: 'Zellen-Switch Halle 1',
    site_key: rs,
    area_key: 'HALLE-1',
    vendor: 'Siemens',
    model: 'SCALANCE XC208',
    serial_number: 'VPL3187734',
    machine_type: 'Switch',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: 'Transportiert PROFIsafe der Maschinen in Halle 1 (schwarzer Kanal).',
    safety_impact: 'marginal',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: null,
    operating_software: null,
    remote_access: 'Keiner; Verwaltung nur aus dem Leitstand (HTTPS, SNMPv3).',
    interfaces: [{ ip: '10.10.10.2', mac: '00:1b:1b:4a:10:02', hostname: 'rs-sw-halle1.ot.hum.example.com', segment_key: 'OT-DREHEN' }],
    components: [{ component_type: 'network', vendor: siemens, name: 'SCALANCE XC208', component_version: 'V4.4', model_number: '6GK5208-0BA00-2AC2', cpe: null, purl: null }],
    partner_systems: [],
  },
  {
    machine_id: 'HUM-RS-NET-02',
    name: 'Zellen-Switch Halle 2',
    site_key: rs,
    area_key: 'HALLE-2',
    vendor: 'Siemens',
    model: 'SCALANCE XC216',
    serial_number: 'VPL3199012',
    machine_type: 'Switch',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: null,
    safety_impact: 'negligible',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: null,
    operating_software: null,
    remote_access: 'Keiner; Verwaltung nur aus dem Leitstand (HTTPS, SNMPv3).',
    interfaces: [{ ip: '10.10.30.2', mac: '00:1b:1b:4a:30:02', hostname: 'rs-sw-halle2.ot.hum.example.com', segment_key: 'OT-HALLE2' }],
    components: [{ component_type: 'network', vendor: siemens, name: 'SCALANCE XC216', component_version: 'V4.5', model_number: '6GK5216-0BA00-2AC2', cpe: null, purl: null }],
    partner_systems: [],
  },
  {
    machine_id: 'HUM-RS-FW-01',
    name: 'Fernzugangs-Router Stammwerk',
    site_key: rs,
    area_key: 'TECHNIK',
    vendor: 'Siemens',
    model: 'SCALANCE S615',
    serial_number: 'VPK8812205',
    machine_type: 'Router',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: null,
    safety_impact: 'negligible',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: null,
    operating_software: null,
    remote_access:
      'Endpunkt der IPsec-Standortkopplung zu Werk 2 (Fernüberwachung) und des Fernwartungszugangs über SINEMA Remote Connect; Herstellerzugänge nur auf Anforderung, per Schlüsselschalter freigegeben.',
    interfaces: [{ ip: '10.10.250.1', mac: '00:1b:1b:4a:fa:01', hostname: 'rs-fw01.ra.hum.example.com', segment_key: 'FERNZUGANG' }],
    components: [{ component_type: 'network', vendor: siemens, name: 'SCALANCE S615', component_version: 'V7.1.1', model_number: '6GK5615-0AA00-2AA2', cpe: null, purl: null }],
    partner_systems: [],
  },

  // Werk 2: series tools and tryout
  ...(['01', '02'] as const).map(
    (n): DemoMachine => ({
      machine_id: `HUM-LS-FRA-${n}`,
      name: `5-Achs-Fräsmaschine DMU 50 (${n === '01' ? 'Platz 1' : 'Platz 2'})`,
      site_key: ls,
      area_key: 'HALLE-A',
      vendor: 'DMG MORI',
      model: 'DMU 50 3rd Generation',
      serial_number: `DMU50-24-${n === '01' ? '20718' : '20719'}`,
      machine_type: 'Fräsmaschine',
      line: 'Serienwerkzeuge',
      redundancy_group: 'RG-DMU50',
      criticality: 'medium',
      safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; sicher reduzierte Geschwindigkeit im Einrichtbetrieb (Safety Integrated); Zustimmtaster.',
      safety_impact: 'critical',
      mission_impact: 'degraded',
      updatable: true,
      end_of_support: '2036-12-31',
      operating_system: 'SINUMERIK ONE (NCU-Linux) mit Windows-Bedien-PC',
      operating_software: 'SINUMERIK Operate mit CELOS',
      remote_access: remoteOnRequest('Hersteller-Service (DMG MORI)'),
      interfaces: [{ ip: `10.20.10.${n === '01' ? 11 : 12}`, mac: `00:1b:1b:4b:10:${n === '01' ? '11' : '12'}`, hostname: `ls-fra-${n}.ot.hum.example.com`, segment_key: 'OT-FERTIGUNG' }],
      components: [
        { component_type: 'plc', vendor: siemens, name: 'SINUMERIK ONE', component_version: 'V6.24', model_number: null, cpe: null, purl: null },
        { component_type: 'application', vendor: 'DMG MORI', name: 'CELOS', component_version: '6.4.0', model_number: null, cpe: null, purl: null },
        windows10Ltsc2019,
      ],
      partner_systems: [ncShare('ls', 'fraeserei'), mes, brokerLs, opcUa('ls', '10.20.90.30')],
    }),
  ),
  {
    machine_id: 'HUM-LS-DRE-01',
    name: 'Zyklendrehmaschine E 50',
    site_key: ls,
    area_key: 'HALLE-A',
    vendor: 'WEILER',
    model: 'E 50',
    serial_number: 'E50-21-3380',
    machine_type: 'Drehmaschine',
    line: 'Serienwerkzeuge',
    redundancy_group: null,
    criticality: 'low',
    safety_functions: 'Not-Halt; Schutztür mit Zuhaltung; Futterschutz; sicher reduzierte Drehzahl im Einrichtbetrieb.',
    safety_impact: 'critical',
    mission_impact: 'degraded',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: 'SINUMERIK 828D (PPU)',
    operating_software: 'SINUMERIK Operate mit ShopTurn',
    remote_access: 'Keiner.',
    interfaces: [{ ip: '10.20.10.13', mac: '00:1b:1b:4b:10:13', hostname: 'ls-dre-01.ot.hum.example.com', segment_key: 'OT-FERTIGUNG' }],
    components: [{ component_type: 'plc', vendor: siemens, name: 'SINUMERIK 828D', component_version: 'V4.95 SP1', model_number: null, cpe: null, purl: null }],
    partner_systems: [ncShare('ls', 'dreherei'), mes],
  },
  {
    machine_id: 'HUM-LS-SLF-01',
    name: 'Flachschleifmaschine J600',
    site_key: ls,
    area_key: 'HALLE-A',
    vendor: 'JUNG',
    model: 'J600',
    serial_number: 'J600-16-0921',
    machine_type: 'Schleifmaschine',
    line: 'Serienwerkzeuge',
    redundancy_group: null,
    criticality: 'low',
    safety_functions: 'Not-Halt; Schutzhaube Schleifscheibe; Überwachung der Scheibenumfangsgeschwindigkeit; Magnetspannplatte mit Spannkraftüberwachung.',
    safety_impact: 'critical',
    mission_impact: 'degraded',
    updatable: true,
    end_of_support: '2028-12-31',
    operating_system: 'SINUMERIK 828D (PPU)',
    operating_software: 'JUNG Schleifzyklen',
    remote_access: 'Keiner.',
    interfaces: [{ ip: '10.20.10.14', mac: '00:1b:1b:4b:10:14', hostname: 'ls-slf-01.ot.hum.example.com', segment_key: 'OT-FERTIGUNG' }],
    components: [{ component_type: 'plc', vendor: siemens, name: 'SINUMERIK 828D', component_version: 'V4.95 SP1', model_number: null, cpe: null, purl: null }],
    partner_systems: [ncShare('ls', 'schleifen')],
  },
  {
    machine_id: 'HUM-LS-PRS-01',
    name: 'Tuschier- und Tryout-Presse 250 t',
    site_key: ls,
    area_key: 'HALLE-B',
    vendor: 'Schuler',
    model: 'Tryout-Presse HPT 2500',
    serial_number: 'SCH-TRY-2019-118',
    machine_type: 'Presse',
    line: 'Einarbeitung',
    redundancy_group: null,
    criticality: 'high',
    safety_functions:
      'Not-Halt; Lichtvorhang vorn und hinten (Typ 4) mit Nachlaufüberwachung; Zweihandbedienung im Einrichtbetrieb; sichere Stößelsperre beim Werkzeugwechsel; Druckbegrenzung der Hydraulik; sicherheitsgerichtete F-CPU.',
    safety_impact: 'catastrophic',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2034-12-31',
    operating_system: null,
    operating_software: 'SIMATIC S7-1500F Anwenderprogramm (Schuler); Bedienung WinCC',
    remote_access: remoteOnRequest('Schuler-Service (Remote Service über den Router des Werks)'),
    interfaces: [
      { ip: '10.20.20.11', mac: '00:1b:1b:4b:20:11', hostname: 'ls-prs-01-cpu.ot.hum.example.com', segment_key: 'OT-PRESSE' },
      { ip: '10.20.20.12', mac: '00:1b:1b:4b:20:12', hostname: 'ls-prs-01-hmi.ot.hum.example.com', segment_key: 'OT-PRESSE' },
    ],
    components: [
      { component_type: 'plc', vendor: siemens, name: 'SIMATIC S7-1500 CPU 1516F-3 PN/DP', component_version: 'V2.9.4', model_number: '6ES7516-3FN01-0AB0', cpe: null, purl: null },
      { component_type: 'hmi', vendor: siemens, name: 'SIMATIC HMI KTP700 Basic', component_version: 'V17 Update 5', model_number: '6AV2123-2GB03-0AX0', cpe: null, purl: null },
    ],
    partner_systems: [opcUa('ls', '10.20.90.30'), erp, brokerLs],
  },
  {
    machine_id: 'HUM-LS-HMI-01',
    name: 'Leitstand- und DNC-Rechner Werk 2',
    site_key: ls,
    area_key: 'TECHNIK',
    vendor: 'Dell',
    model: 'OptiPlex 7000 XE',
    serial_number: 'HXQ7C83',
    machine_type: 'HMI-PC',
    line: null,
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: null,
    safety_impact: 'negligible',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2029-10-31',
    operating_system: 'Windows 10 IoT Enterprise LTSC 2019',
    operating_software: 'DNC-Verteilung; OPC-UA-Gateway; MQTT-Bridge',
    remote_access: 'IT-Dienstleister über den Fernzugang (RDP nur über Sprungserver im Stammwerk), auf Anforderung.',
    interfaces: [{ ip: '10.20.90.30', mac: null, hostname: 'ls-leitstand.dmz.hum.example.com', segment_key: 'OT-DMZ' }],
    components: [
      windows10Ltsc2019,
      { component_type: 'firmware', vendor: 'Dell', name: 'OptiPlex 7000 XE BIOS', component_version: '1.19.0', model_number: null, cpe: null, purl: null },
    ],
    partner_systems: [mes, brokerLs],
  },
  {
    machine_id: 'HUM-LS-SPS-01',
    name: 'Druckluftstation Werk 2',
    site_key: ls,
    area_key: 'TECHNIK',
    vendor: 'BOGE',
    model: 'Verdichterstation mit Übergeordneter Steuerung',
    serial_number: 'BG-22-77310',
    machine_type: 'Versorgungsanlage',
    line: null,
    redundancy_group: null,
    criticality: 'medium',
    safety_functions: 'Not-Aus der Station; Überdrucksicherung (mechanisch, unabhängig von der Steuerung).',
    safety_impact: 'marginal',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2033-12-31',
    operating_system: 'Linux (WAGO-Firmware)',
    operating_software: 'CODESYS-Anwenderprogramm des Integrators',
    remote_access: 'Keiner.',
    interfaces: [{ ip: '10.20.50.11', mac: '00:30:de:4b:50:11', hostname: 'ls-druckluft.ot.hum.example.com', segment_key: 'OT-VERSORGUNG' }],
    components: [{ component_type: 'plc', vendor: 'WAGO', name: 'PFC200', component_version: 'FW27', model_number: '750-8212', cpe: null, purl: null }],
    partner_systems: [brokerLs],
  },
  {
    machine_id: 'HUM-LS-NET-01',
    name: 'Zellen-Switch Werk 2',
    site_key: ls,
    area_key: 'TECHNIK',
    vendor: 'Siemens',
    model: 'SCALANCE XC216',
    serial_number: 'VPL3201455',
    machine_type: 'Switch',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: 'Transportiert PROFIsafe der Presse (schwarzer Kanal).',
    safety_impact: 'marginal',
    mission_impact: 'mef_failure',
    updatable: true,
    end_of_support: '2031-12-31',
    operating_system: null,
    operating_software: null,
    remote_access: 'Keiner; Verwaltung nur aus dem Leitstand (HTTPS, SNMPv3).',
    interfaces: [{ ip: '10.20.10.2', mac: '00:1b:1b:4b:10:02', hostname: 'ls-sw01.ot.hum.example.com', segment_key: 'OT-FERTIGUNG' }],
    components: [{ component_type: 'network', vendor: siemens, name: 'SCALANCE XC216', component_version: 'V4.5', model_number: '6GK5216-0BA00-2AC2', cpe: null, purl: null }],
    partner_systems: [],
  },
  {
    machine_id: 'HUM-LS-FW-01',
    name: 'Mobilfunk-Router Werk 2',
    site_key: ls,
    area_key: 'TECHNIK',
    vendor: 'Phoenix Contact',
    model: 'TC ROUTER 3002T-4G',
    serial_number: '1319803-0442',
    machine_type: 'Router',
    line: null,
    redundancy_group: null,
    criticality: 'high',
    safety_functions: null,
    safety_impact: 'negligible',
    mission_impact: 'mef_support_crippled',
    updatable: true,
    end_of_support: '2030-12-31',
    operating_system: null,
    operating_software: null,
    remote_access: 'Endpunkt der IPsec-Standortkopplung zum Stammwerk über das Internet (LTE); darüber laufen Fernüberwachung und Herstellerzugänge des Werks.',
    interfaces: [{ ip: '10.20.250.1', mac: '00:a0:45:4b:fa:01', hostname: 'ls-fw01.ra.hum.example.com', segment_key: 'FERNZUGANG' }],
    components: [{ component_type: 'network', vendor: 'Phoenix Contact', name: 'TC ROUTER 3002T-4G', component_version: '2.05.3', model_number: '2702528', cpe: null, purl: null }],
    partner_systems: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Contracts: one per machine builder or supplier (every machine is covered by one)

const contract = (
  reference: string,
  supplier: string,
  contact: DemoContact,
  machineIds: string[],
  templateName: string,
  items: DemoTestItem[],
  extra: Partial<Pick<DemoContract, 'update_obligation' | 'responsibility' | 'update_method' | 'sla' | 'valid_from' | 'valid_until' | 'notes'>> = {},
): DemoContract => ({
  reference,
  supplier,
  contacts: [contact, { name: 'Service-Hotline', role: 'Hotline', phone: '+49 800 5550100', email: null }],
  update_obligation:
    'Sicherheitsupdates der integrierten Steuerungs- und Bediensoftware liefert der Hersteller, sobald eine Schwachstelle mit hoher oder kritischer Bewertung bekannt ist; Funktionsupdates nach Absprache.',
  responsibility: 'supplier',
  update_method:
    'Der Hersteller prüft und gibt das Update frei; die Installation erfolgt in einem abgestimmten Wartungsfenster vor Ort durch den Service, begleitet von der Instandhaltung; vorher Datensicherung der Maschine.',
  sla: 'Reaktion innerhalb von 2 Werktagen; Freigabe eines Sicherheitsupdates innerhalb von 30 Tagen.',
  valid_from: '2024-01-01',
  valid_until: '2028-12-31',
  notes: null,
  machine_ids: machineIds,
  template: { name: templateName, items },
  ...extra,
});

const contracts: DemoContract[] = [
  contract('HUM-RV-DMGMORI-2024', 'DMG MORI Deutschland', { name: 'Jana Wolters', role: 'Serviceleitung Region West', phone: '+49 201 5550111', email: 'service.west@dmgmori.example.com' }, ['HUM-RS-DRE-01', 'HUM-LS-FRA-01', 'HUM-LS-FRA-02'], 'Inbetriebnahmeprüfung DMG MORI nach Softwareupdate', latheItems, {
    notes: 'Deckt das Dreh-Fräszentrum im Stammwerk und beide DMU 50 in Werk 2 ab.',
  }),
  contract('HUM-RV-SPINNER-2023', 'SPINNER Werkzeugmaschinenfabrik', { name: 'Markus Brandl', role: 'Kundendienst', phone: '+49 8024 5550120', email: 'kundendienst@spinner.example.com' }, ['HUM-RS-DRE-02', 'HUM-RS-DRE-03'], 'Inbetriebnahmeprüfung TC 600', latheItems, {
    valid_from: '2023-04-01',
    notes: 'Die zwei baugleichen Maschinen werden nacheinander aktualisiert, nie im selben Fenster.',
  }),
  contract('HUM-RV-HARTFORD-2022', 'HARTFORD (Vertretung Deutschland)', { name: 'Oliver Krämer', role: 'Technischer Service', phone: '+49 7021 5550130', email: 'service@hartford-de.example.com' }, ['HUM-RS-FRA-01'], 'Inbetriebnahmeprüfung 5A-65E', millItems, {
    valid_from: '2022-06-01',
    valid_until: '2027-05-31',
    update_method: 'Updates der HEIDENHAIN-Steuerung gibt die Vertretung nach Rücksprache mit HEIDENHAIN frei; Installation vor Ort durch den Service der Vertretung.',
  }),
  contract('HUM-RV-HAAS-2021', 'Haas Factory Outlet', { name: 'Sven Lorenz', role: 'Servicetechniker', phone: '+49 6151 5550140', email: 'hfo@haas.example.com' }, ['HUM-RS-FRA-02'], 'Inbetriebnahmeprüfung VF-2SS', millItems, {
    valid_from: '2021-09-01',
    update_obligation: 'Softwarestände der Haas-Steuerung nach Herstellerfreigabe; Sicherheitsupdates innerhalb von 60 Tagen nach Veröffentlichung.',
  }),
  contract('HUM-RV-HERMLE-2023', 'Maschinenfabrik Berthold Hermle', { name: 'Claudia Seitz', role: 'Hotline Steuerungstechnik', phone: '+49 7426 5550150', email: 'hotline@hermle.example.com' }, ['HUM-RS-FRA-03'], 'Inbetriebnahmeprüfung C 32 U', millItems, {
    valid_from: '2023-07-01',
  }),
  contract('HUM-RV-MITSUBISHI-2020', 'Mitsubishi Electric Europe (EDM)', { name: 'Tobias Hahn', role: 'EDM-Service', phone: '+49 2102 5550160', email: 'edm.service@mitsubishi.example.com' }, ['HUM-RS-ERO-01'], 'Inbetriebnahmeprüfung Drahterodieren', edmItems, {
    valid_from: '2020-10-01',
    valid_until: '2026-12-31',
  }),
  contract('HUM-RV-GF-2018', 'GF Machining Solutions', { name: 'Petra Vogt', role: 'Service Senkerodieren', phone: '+49 7022 5550170', email: 'service.edm@gf.example.com' }, ['HUM-RS-ERO-02'], 'Prüfung Senkerodieren', edmItems, {
    valid_from: '2018-01-01',
    valid_until: null,
    responsibility: 'operator',
    update_obligation: 'Keine Softwareupdates mehr (Support beendet); der Hersteller liefert nur noch Ersatzteile.',
    update_method: 'Die Firmware des Seriell-Ethernet-Umsetzers pflegt die Instandhaltung selbst; die Steuerung bleibt unverändert und vom Netz getrennt bis auf den DNC-Umsetzer.',
    notes: 'Altmaschine: Schutz durch Segmentierung statt Updates.',
  }),
  contract('HUM-RV-BLOHM-2022', 'Blohm Jung (United Grinding)', { name: 'Frank Albers', role: 'Service Flachschleifen', phone: '+49 40 5550180', email: 'service@blohmjung.example.com' }, ['HUM-RS-SLF-01', 'HUM-LS-SLF-01'], 'Inbetriebnahmeprüfung Flachschleifen', grinderItems, {
    valid_from: '2022-02-01',
  }),
  contract('HUM-RV-STUDER-2024', 'Fritz Studer', { name: 'Nadine Keller', role: 'Customer Care', phone: '+41 33 5550190', email: 'customercare@studer.example.com' }, ['HUM-RS-SLF-02'], 'Inbetriebnahmeprüfung S33', grinderItems),
  contract('HUM-RV-ZEISS-2024', 'Carl Zeiss Industrielle Messtechnik', { name: 'Lukas Berger', role: 'Service KMG', phone: '+49 7364 5550200', email: 'kmg.service@zeiss.example.com' }, ['HUM-RS-KMG-01'], 'Prüfung Koordinatenmessgerät nach Update', cmmItems, {
    update_method: 'CALYPSO-Updates installiert der ZEISS-Service per Fernzugang auf Anforderung; danach Einmessung vor Ort durch die Qualitätssicherung.',
  }),
  contract('HUM-RV-WEILER-2022', 'WEILER Werkzeugmaschinen', { name: 'Stefan Roth', role: 'Kundendienst', phone: '+49 9101 5550210', email: 'service@weiler.example.com' }, ['HUM-LS-DRE-01'], 'Inbetriebnahmeprüfung E 50', latheItems, {
    valid_from: '2022-03-01',
  }),
  contract('HUM-RV-SCHULER-2023', 'Schuler Pressen', { name: 'Andreas Peters', role: 'Service Tryout-Pressen', phone: '+49 7161 5550220', email: 'service.tryout@schuler.example.com' }, ['HUM-LS-PRS-01'], 'Inbetriebnahmeprüfung Tryout-Presse', pressItems, {
    responsibility: 'shared',
    update_method:
      'Schuler gibt Firmware und Sicherheitsprogramm frei und spielt sie vor Ort ein; die Nachlaufmessung und die Prüfung der Schutzeinrichtungen führt die befähigte Person von Hammer und Meißel gemeinsam mit dem Service durch.',
    sla: 'Reaktion innerhalb von 1 Werktag; Freigabe eines Sicherheitsupdates innerhalb von 30 Tagen.',
  }),
  contract(
    'HUM-RV-NETZ-2024',
    'Bergisches Systemhaus für Automation (IT-/OT-Dienstleister)',
    { name: 'Mehmet Aydın', role: 'Projektleitung OT-Netze', phone: '+49 202 5550230', email: 'ot@systemhaus.example.com' },
    ['HUM-RS-HMI-01', 'HUM-RS-SPS-01', 'HUM-RS-NET-01', 'HUM-RS-NET-02', 'HUM-RS-FW-01', 'HUM-LS-HMI-01', 'HUM-LS-SPS-01', 'HUM-LS-NET-01', 'HUM-LS-FW-01'],
    'Prüfung Netz- und Leitstandskomponenten',
    networkItems,
    {
      responsibility: 'shared',
      update_obligation: 'Firmware der Netzwerkkomponenten, Router und Leitstandrechner: Sicherheitsupdates innerhalb von 14 Tagen nach Herstellerveröffentlichung, sonst quartalsweise.',
      update_method: 'Der Dienstleister aktualisiert nach Freigabe durch den OT-Administrator in einem Betriebsruhe-Fenster; Konfiguration vorher sichern, danach mit der gesicherten Konfiguration vergleichen.',
      notes: 'Umfasst auch die Steuerungen der Versorgungsanlagen, soweit der Anlagenbauer keine eigene Vereinbarung hat.',
    },
  ),
];

// ---------------------------------------------------------------------------------------------
// The plant

export const hammerUndMeissel: DemoPlant = {
  company: 'Hammer und Meißel',
  sites: [
    {
      key: 'HUM-RS',
      name: 'Hammer und Meißel – Stammwerk Remscheid',
      time_zone: 'Europe/Berlin',
      working_days: [1, 2, 3, 4, 5],
      shifts,
      non_working_days: plantHolidays,
      areas: [
        { key: 'HALLE-1', name: 'Halle 1 – Drehen und Fräsen' },
        { key: 'HALLE-2', name: 'Halle 2 – Erodieren und Schleifen' },
        { key: 'MESSRAUM', name: 'Messraum (klimatisiert)' },
        { key: 'TECHNIK', name: 'Technikraum und Versorgung' },
        { key: 'BUERO', name: 'Büro und Arbeitsvorbereitung' },
      ],
      segments: [
        { key: 'OT-DREHEN', name: 'OT-Zelle Halle 1 Drehen', vlan: 110, cidr: '10.10.10.0/24', zone_type: 'ot_cell' },
        { key: 'OT-FRAESEN', name: 'OT-Zelle Halle 1 Fräsen', vlan: 120, cidr: '10.10.20.0/24', zone_type: 'ot_cell' },
        { key: 'OT-HALLE2', name: 'OT-Zelle Halle 2 Erodieren und Schleifen', vlan: 130, cidr: '10.10.30.0/24', zone_type: 'ot_cell' },
        { key: 'OT-MESSRAUM', name: 'OT-Zelle Messraum', vlan: 140, cidr: '10.10.40.0/24', zone_type: 'ot_cell' },
        { key: 'OT-VERSORGUNG', name: 'OT-Zelle Versorgungsanlagen', vlan: 150, cidr: '10.10.50.0/24', zone_type: 'ot_cell' },
        { key: 'OT-DMZ', name: 'OT-DMZ (Leitstand, NC-Dateiserver, Broker)', vlan: 190, cidr: '10.10.90.0/24', zone_type: 'ot_dmz' },
        { key: 'IT-BUERO', name: 'Büronetz (MES, ERP, Arbeitsplätze)', vlan: 10, cidr: '10.10.100.0/23', zone_type: 'it' },
        { key: 'FERNZUGANG', name: 'Fernzugang (VPN-Endpunkt)', vlan: 250, cidr: '10.10.250.0/28', zone_type: 'remote_access' },
      ],
    },
    {
      key: 'HUM-LS',
      name: 'Hammer und Meißel – Werk 2 Lüdenscheid',
      time_zone: 'Europe/Berlin',
      working_days: [1, 2, 3, 4, 5],
      shifts,
      non_working_days: plantHolidays,
      areas: [
        { key: 'HALLE-A', name: 'Halle A – Serienwerkzeuge' },
        { key: 'HALLE-B', name: 'Halle B – Einarbeitung und Tryout' },
        { key: 'TECHNIK', name: 'Technikraum' },
      ],
      segments: [
        { key: 'OT-FERTIGUNG', name: 'OT-Zelle Halle A Fertigung', vlan: 110, cidr: '10.20.10.0/24', zone_type: 'ot_cell' },
        { key: 'OT-PRESSE', name: 'OT-Zelle Halle B Presse', vlan: 120, cidr: '10.20.20.0/24', zone_type: 'ot_cell' },
        { key: 'OT-VERSORGUNG', name: 'OT-Zelle Versorgungsanlagen', vlan: 150, cidr: '10.20.50.0/24', zone_type: 'ot_cell' },
        { key: 'OT-DMZ', name: 'OT-DMZ (Leitstand, NC-Dateiserver, Broker)', vlan: 190, cidr: '10.20.90.0/24', zone_type: 'ot_dmz' },
        { key: 'IT-BUERO', name: 'Büronetz', vlan: 10, cidr: '10.20.100.0/24', zone_type: 'it' },
        { key: 'FERNZUGANG', name: 'Fernzugang (LTE-Router)', vlan: 250, cidr: '10.20.250.0/28', zone_type: 'remote_access' },
      ],
    },
  ],
  conduits: [
    // Stammwerk: cells → DMZ (north), DMZ → cells (reading data), DMZ ↔ IT, remote access
    ...['OT-DREHEN', 'OT-FRAESEN', 'OT-HALLE2'].map((cell, index): DemoConduit => ({ site_key: rs, from_segment: cell, to_segment: 'OT-DMZ', protocol: 'tcp', ports: '445', service: 'SMB', purpose: 'NC-Programme vom NC-Dateiserver laden und zurückspeichern', firewall_rule: `RS-FW-1${index + 1}0-445`, remote_access: false })),
    ...['OT-DREHEN', 'OT-FRAESEN', 'OT-HALLE2', 'OT-VERSORGUNG'].map((cell, index): DemoConduit => ({ site_key: rs, from_segment: cell, to_segment: 'OT-DMZ', protocol: 'tcp', ports: '8883', service: 'MQTT über TLS', purpose: 'Zustände und Alarme der Maschinen an den MQTT-Broker', firewall_rule: `RS-FW-1${index + 1}0-8883`, remote_access: false })),
    { site_key: rs, from_segment: 'OT-DMZ', to_segment: 'OT-DREHEN', protocol: 'tcp', ports: '4840', service: 'OPC UA', purpose: 'Leitstand liest Maschinendaten (nur lesend)', firewall_rule: 'RS-FW-190-110-4840', remote_access: false },
    { site_key: rs, from_segment: 'OT-DMZ', to_segment: 'OT-FRAESEN', protocol: 'tcp', ports: '4840, 5051', service: 'OPC UA, Haas MDC', purpose: 'Leitstand liest Maschinendaten (nur lesend)', firewall_rule: 'RS-FW-190-120-4840', remote_access: false },
    { site_key: rs, from_segment: 'OT-MESSRAUM', to_segment: 'OT-DMZ', protocol: 'tcp', ports: '445', service: 'SMB', purpose: 'Messprotokolle auf die Dateifreigabe der Qualitätssicherung', firewall_rule: 'RS-FW-140-445', remote_access: false },
    { site_key: rs, from_segment: 'OT-DMZ', to_segment: 'IT-BUERO', protocol: 'tcp', ports: '443', service: 'HTTPS', purpose: 'MES-Connector meldet Betriebsdaten an das MES', firewall_rule: 'RS-FW-190-010-443', remote_access: false },
    { site_key: rs, from_segment: 'IT-BUERO', to_segment: 'OT-DMZ', protocol: 'tcp', ports: '445', service: 'SMB', purpose: 'Programmierer legen freigegebene NC-Programme auf den NC-Dateiserver', firewall_rule: 'RS-FW-010-190-445', remote_access: false },
    { site_key: rs, from_segment: 'IT-BUERO', to_segment: null, protocol: 'tcp', ports: '80, 443', service: 'HTTP(S) über Proxy', purpose: 'Internetzugang der Büroarbeitsplätze', firewall_rule: 'RS-FW-010-INET', remote_access: false },
    { site_key: rs, from_segment: null, to_segment: 'FERNZUGANG', protocol: 'udp', ports: '500, 4500', service: 'IPsec (IKEv2)', purpose: 'Standortkopplung mit Werk 2 über das Internet: Fernüberwachung der Maschinen in Werk 2', firewall_rule: 'RS-FW-INET-250-IPSEC', remote_access: true },
    { site_key: rs, from_segment: 'FERNZUGANG', to_segment: null, protocol: 'tcp_udp', ports: '443, 1194', service: 'SINEMA Remote Connect (OpenVPN)', purpose: 'Fernwartung durch Maschinenhersteller: ausgehender Tunnel, nur auf Anforderung aktiviert', firewall_rule: 'RS-FW-250-INET-SRC', remote_access: true },
    { site_key: rs, from_segment: 'FERNZUGANG', to_segment: 'OT-DMZ', protocol: 'tcp', ports: '8883', service: 'MQTT über TLS', purpose: 'MQTT-Bridge aus Werk 2: Maschinendaten für die standortübergreifende Überwachung', firewall_rule: 'RS-FW-250-190-8883', remote_access: true },
    { site_key: rs, from_segment: 'FERNZUGANG', to_segment: 'OT-DREHEN', protocol: 'tcp', ports: '102, 443, 5900', service: 'S7, HTTPS, VNC', purpose: 'Herstellerfernwartung der Drehmaschinen (nur während einer freigegebenen Sitzung)', firewall_rule: 'RS-FW-250-110-SVC', remote_access: true },
    { site_key: rs, from_segment: 'FERNZUGANG', to_segment: 'OT-MESSRAUM', protocol: 'tcp', ports: '443', service: 'HTTPS', purpose: 'Fernsupport des KMG-Herstellers (nur während einer freigegebenen Sitzung)', firewall_rule: 'RS-FW-250-140-443', remote_access: true },
    // Werk 2
    ...['OT-FERTIGUNG', 'OT-VERSORGUNG'].map((cell, index): DemoConduit => ({ site_key: ls, from_segment: cell, to_segment: 'OT-DMZ', protocol: 'tcp', ports: index === 0 ? '445, 8883' : '8883', service: index === 0 ? 'SMB, MQTT über TLS' : 'MQTT über TLS', purpose: index === 0 ? 'NC-Programme laden; Zustände an den MQTT-Broker' : 'Messwerte der Druckluftstation an den MQTT-Broker', firewall_rule: `LS-FW-1${index === 0 ? '1' : '5'}0-190`, remote_access: false })),
    { site_key: ls, from_segment: 'OT-DMZ', to_segment: 'OT-PRESSE', protocol: 'tcp', ports: '4840', service: 'OPC UA', purpose: 'Leitstand liest Prozessdaten der Presse (nur lesend)', firewall_rule: 'LS-FW-190-120-4840', remote_access: false },
    { site_key: ls, from_segment: 'IT-BUERO', to_segment: 'OT-DMZ', protocol: 'tcp', ports: '443', service: 'HTTPS', purpose: 'Büroarbeitsplätze sehen den Leitstand', firewall_rule: 'LS-FW-010-190-443', remote_access: false },
    { site_key: ls, from_segment: 'OT-DMZ', to_segment: 'FERNZUGANG', protocol: 'tcp', ports: '8883', service: 'MQTT über TLS', purpose: 'MQTT-Bridge zum Broker im Stammwerk (Fernüberwachung über die IPsec-Kopplung)', firewall_rule: 'LS-FW-190-250-8883', remote_access: true },
    { site_key: ls, from_segment: 'FERNZUGANG', to_segment: null, protocol: 'udp', ports: '500, 4500', service: 'IPsec (IKEv2)', purpose: 'Standortkopplung mit dem Stammwerk über das Internet (LTE)', firewall_rule: 'LS-FW-250-INET-IPSEC', remote_access: true },
    { site_key: ls, from_segment: 'FERNZUGANG', to_segment: 'OT-PRESSE', protocol: 'tcp', ports: '102, 443', service: 'S7, HTTPS', purpose: 'Herstellerfernwartung der Presse über die Standortkopplung (nur während einer freigegebenen Sitzung)', firewall_rule: 'LS-FW-250-120-SVC', remote_access: true },
  ],
  brokers: [
    { site_key: rs, segment_key: 'OT-DMZ', name: 'MQTT-Broker Stammwerk', kind: 'mqtt', host: '10.10.90.20', port: 8883, tls: true, notes: 'Eclipse Mosquitto; Clientzertifikate je Maschine; nimmt die Bridge aus Werk 2 an.' },
    { site_key: ls, segment_key: 'OT-DMZ', name: 'MQTT-Broker Werk 2', kind: 'mqtt', host: '10.20.90.20', port: 8883, tls: true, notes: 'Eclipse Mosquitto; Bridge zum Stammwerk über die IPsec-Kopplung.' },
  ],
  machines,
  contracts,
  type_templates: [
    { site_key: rs, machine_type: 'Drehmaschine', name: 'Standardprüfung Drehmaschine', items: latheItems },
    { site_key: rs, machine_type: 'Fräsmaschine', name: 'Standardprüfung Fräsmaschine', items: millItems },
    { site_key: rs, machine_type: 'Switch', name: 'Standardprüfung Netzwerkkomponente', items: networkItems },
    { site_key: rs, machine_type: 'HMI-PC', name: 'Standardprüfung Leitstandrechner', items: pcItems },
    { site_key: rs, machine_type: 'Versorgungsanlage', name: 'Standardprüfung Versorgungsanlage', items: controllerItems },
    { site_key: ls, machine_type: 'Fräsmaschine', name: 'Standardprüfung Fräsmaschine', items: millItems },
    { site_key: ls, machine_type: 'Presse', name: 'Standardprüfung Presse', items: pressItems },
    { site_key: ls, machine_type: 'Versorgungsanlage', name: 'Standardprüfung Versorgungsanlage', items: controllerItems },
  ],
  spare_parts: [
    { site_key: rs, kind: 'device', name: 'Ersatz-Switch SCALANCE XC208', vendor: siemens, model_number: '6GK5208-0BA00-2AC2', firmware_version: 'V4.2', quantity: 1, storage_location: 'Technikraum, Schrank 2', notes: 'Vor dem Einbau auf den freigegebenen Stand bringen; Konfiguration vom C-PLUG übernehmen.', machine_ids: ['HUM-RS-NET-01'] },
    { site_key: rs, kind: 'device', name: 'Ersatz-Seriell-Ethernet-Umsetzer NPort 5110', vendor: 'Moxa', model_number: 'NPort 5110', firmware_version: '2.1', quantity: 1, storage_location: 'Instandhaltung, Regal E3', notes: 'Gleicher Firmwarestand wie im Betrieb; vor dem Einbau aktualisieren.', machine_ids: ['HUM-RS-ERO-02'] },
    { site_key: rs, kind: 'device', name: 'Ersatz-Bedientafel SINUMERIK 828D (PPU)', vendor: siemens, model_number: null, firmware_version: 'V4.93', quantity: 1, storage_location: 'Instandhaltung, Regal E1', notes: 'Passt in beide TC 600; Software nach dem Tausch von der Datensicherung zurückspielen.', machine_ids: ['HUM-RS-DRE-02', 'HUM-RS-DRE-03'] },
    { site_key: rs, kind: 'part', name: 'Spindellager-Satz Hauptspindel TC 600', vendor: 'SPINNER', model_number: null, firmware_version: null, quantity: 1, storage_location: 'Instandhaltung, Regal M4', notes: null, machine_ids: ['HUM-RS-DRE-02', 'HUM-RS-DRE-03'] },
    { site_key: rs, kind: 'part', name: 'Tastereinsatz-Set VAST XT', vendor: 'ZEISS', model_number: null, firmware_version: null, quantity: 2, storage_location: 'Messraum, Schublade 1', notes: null, machine_ids: ['HUM-RS-KMG-01'] },
    { site_key: rs, kind: 'part', name: 'Festplatte Leitstandrechner mit Systemabbild', vendor: siemens, model_number: null, firmware_version: null, quantity: 1, storage_location: 'Technikraum, Tresor', notes: 'Abbild vom letzten freigegebenen Stand; nach jedem Update neu erstellen.', machine_ids: ['HUM-RS-HMI-01'] },
    { site_key: ls, kind: 'device', name: 'Ersatz-CPU 1516F-3 PN/DP', vendor: siemens, model_number: '6ES7516-3FN01-0AB0', firmware_version: 'V2.9.2', quantity: 1, storage_location: 'Halle B, Ersatzteilschrank', notes: 'Vor dem Einbau Firmware auf den Stand der Presse bringen und Sicherheitsprogramm-Signatur prüfen.', machine_ids: ['HUM-LS-PRS-01'] },
    { site_key: ls, kind: 'part', name: 'Lichtvorhang-Empfänger Typ 4', vendor: 'SICK', model_number: 'C4000 Advanced', firmware_version: null, quantity: 1, storage_location: 'Halle B, Ersatzteilschrank', notes: 'Nach Tausch Nachlaufmessung und Prüfung der Schutzeinrichtung durch die befähigte Person.', machine_ids: ['HUM-LS-PRS-01'] },
    { site_key: ls, kind: 'device', name: 'Ersatz-Router TC ROUTER 3002T-4G', vendor: 'Phoenix Contact', model_number: '2702528', firmware_version: '2.04.1', quantity: 1, storage_location: 'Technikraum Werk 2', notes: 'Konfiguration liegt verschlüsselt beim Dienstleister; vor dem Einbau aktualisieren.', machine_ids: ['HUM-LS-FW-01'] },
  ],
  worked_example: {
    machine_id: 'HUM-RS-DRE-01',
    description_de:
      'Der Hersteller meldet eine Schwachstelle, über die ein Angreifer die Spindel außerhalb des zulässigen Drehzahlbereichs betreiben kann, ohne dass die Maschine abschaltet. Erste Maßnahme: die Maschine ohne Netzwerkverbindung weiterbetreiben, bis das geprüfte Update des Herstellers in einem abgestimmten Fenster eingespielt und mit einem vollständigen Funktionstest abgenommen ist.',
    description_en:
      'The builder reports a flaw that lets an attacker run the spindle outside its permitted speed range without the machine shutting down. First measure: keep the machine running without any network connection until the builder’s tested update is installed in an agreed window and accepted after a complete functional test.',
  },
};
