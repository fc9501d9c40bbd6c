// The one table of error codes: HTTP status and a German and English message for each. Messages may
// use {placeholders} filled from the error's params. Domain code raises codes; only the HTTP layer
// reads the status.

export interface ErrorCodeEntry {
  status: number;
  de: string;
  en: string;
}

const gate = (de: string, en: string): ErrorCodeEntry => ({ status: 409, de, en });

export const errorCodes = {
  // Requests
  VALIDATION_FAILED: { status: 400, de: 'Die Eingaben sind ungültig.', en: 'The input is invalid.' },
  MALFORMED_REQUEST: { status: 400, de: 'Die Anfrage ist fehlerhaft (Adresse oder Länge).', en: 'The request is malformed (address or length).' },
  MALFORMED_JSON: { status: 400, de: 'Der Inhalt ist kein gültiges JSON.', en: 'The body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, de: 'Der Inhalt ist zu groß (höchstens {limit}).', en: 'The body is too large (at most {limit}).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, de: 'Dieser Inhaltstyp wird hier nicht angenommen.', en: 'This content type is not accepted here.' },
  ROUTE_NOT_FOUND: { status: 404, de: 'Diese Adresse gibt es nicht.', en: 'There is no such address.' },
  PRECONDITION_REQUIRED: { status: 428, de: 'Änderungen brauchen den Kopf If-Match mit der aktuellen Version.', en: 'Changes need an If-Match header with the current version.' },
  STALE_OBJECT: { status: 412, de: 'Jemand hat das Objekt inzwischen geändert. Bitte neu laden und erneut versuchen.', en: 'Someone changed the object in the meantime. Reload and try again.' },
  DUPLICATE: { status: 409, de: 'Ein Eintrag mit diesem Schlüssel existiert bereits.', en: 'An entry with this key already exists.' },
  CONFLICT: { status: 409, de: 'Der Wert „{value}“ ist bereits vergeben.', en: 'The value "{value}" is already taken.' },
  INTERNAL_ERROR: { status: 500, de: 'Interner Fehler. Die Anfrage wurde protokolliert.', en: 'Internal error. The request has been logged.' },
  NOT_READY: { status: 503, de: 'Patchwerk ist nicht bereit.', en: 'Patchwerk is not ready.' },

  // Field details inside VALIDATION_FAILED (errors[].code)
  VALUE_REQUIRED: { status: 400, de: 'Pflichtangabe fehlt.', en: 'Required.' },
  VALUE_BLANK: { status: 400, de: 'Darf nicht leer sein.', en: 'Must not be blank.' },
  CONTROL_CHARACTERS: { status: 400, de: 'Darf keine Steuerzeichen enthalten.', en: 'Must not contain control characters.' },
  INVALID_VALUE: { status: 400, de: 'Ungültiger Wert.', en: 'Invalid value.' },
  UNKNOWN_FIELD: { status: 400, de: 'Unbekanntes Feld.', en: 'Unknown field.' },
  FIELD_REPEATED: { status: 400, de: 'Das Feld ist mehrfach angegeben.', en: 'The field is given more than once.' },
  FIELD_TOO_LONG: { status: 400, de: 'Der Wert ist zu lang (höchstens {max} Bytes).', en: 'The value is too long (at most {max} bytes).' },
  SCOPE_SYNTAX: { status: 400, de: 'Erwartet: all, site:SCHLÜSSEL[,…] oder machine:ID[,…].', en: 'Expected all, site:KEY[,KEY…] or machine:ID[,ID…].' },
  EXPIRY_IN_PAST: { status: 400, de: 'Das Ablaufdatum muss in der Zukunft liegen.', en: 'The expiry must lie in the future.' },
  TOKEN_EXPIRY_TOO_LONG: { status: 400, de: 'Ein API-Token darf höchstens ein Jahr gelten.', en: 'A token may be valid for at most one year.' },
  MULTIPART_MALFORMED: { status: 400, de: 'Das Formular ist fehlerhaft oder unvollständig.', en: 'The multipart body is malformed or incomplete.' },
  MULTIPART_TOO_MANY_PARTS: { status: 400, de: 'Das Formular hat zu viele Teile (höchstens {max}).', en: 'The form has too many parts (at most {max}).' },
  MULTIPART_FILE_NOT_LAST: { status: 400, de: 'Die Datei muss der letzte Teil des Formulars sein.', en: 'The file must be the last part of the form.' },
  MULTIPART_FILE_FIELD: { status: 400, de: 'Die Datei gehört in das Feld „{field}“.', en: 'The file belongs in the field "{field}".' },
  MULTIPART_NO_FILE: { status: 400, de: 'Das Formular enthält keine Datei.', en: 'The form has no file part.' },

  // Inventory field details (machines, interfaces, components)
  IP_INVALID: { status: 400, de: 'Keine gültige IPv4- oder IPv6-Adresse.', en: 'Not a valid IPv4 or IPv6 address.' },
  MAC_INVALID: { status: 400, de: 'Keine gültige MAC-Adresse (z. B. 00:1b:1b:aa:bb:cc).', en: 'Not a valid MAC address (e.g. 00:1b:1b:aa:bb:cc).' },
  CPE_INVALID: { status: 400, de: 'Kein gültiger CPE-2.3-Name (cpe:2.3:part:vendor:product:version:…, 13 Teile).', en: 'Not a valid CPE 2.3 name (cpe:2.3:part:vendor:product:version:…, 13 parts).' },
  PURL_INVALID: { status: 400, de: 'Keine gültige Package-URL (pkg:typ/name…).', en: 'Not a valid package URL (pkg:type/name…).' },
  REFERENCE_UNKNOWN: { status: 400, de: '„{value}“ ist hier nicht bekannt.', en: '"{value}" is not known here.' },
  SITE_CHANGE_SEGMENTS: { status: 400, de: 'Die Schnittstellen verweisen auf Segmente des bisherigen Standorts. Bitte zuerst die Schnittstellen anpassen.', en: 'The interfaces refer to segments of the current site. Change the interfaces first.' },

  // Inventory files (import errors and warnings: errors[] / warnings[] of the import result)
  INVENTORY_COLUMN_MISSING: { status: 400, de: 'Die Pflichtspalte „{column}“ fehlt.', en: 'The required column "{column}" is missing.' },
  INVENTORY_COLUMN_IGNORED: { status: 400, de: 'Unbekannte Spalte; sie wird ignoriert.', en: 'Unknown column; it is ignored.' },
  INVENTORY_ENCODING: { status: 400, de: 'Die Datei ist weder UTF-8 noch Windows-1252 (Byte {value} an Position {offset}).', en: 'The file is neither UTF-8 nor Windows-1252 (byte {value} at offset {offset}).' },
  INVENTORY_FILE_UNREADABLE: { status: 400, de: 'Die XLSX-Datei lässt sich nicht lesen.', en: 'The XLSX file cannot be read.' },
  INVENTORY_SHEET_MISSING: { status: 400, de: 'Die Arbeitsmappe hat kein Blatt „components“ und mehr als ein Blatt.', en: 'The workbook has no sheet "components" and more than one sheet.' },
  INVENTORY_FORMAT_UNSUPPORTED: { status: 400, de: 'Das Format {format} wird hier noch nicht unterstützt.', en: 'The format {format} is not supported here yet.' },
  INVENTORY_FORMULA_WITHOUT_VALUE: { status: 400, de: 'Formel ohne gespeicherten Wert; bitte die Datei in Excel neu berechnen und speichern.', en: 'Formula without a cached value; recalculate and save the file in Excel.' },
  INVENTORY_NUMERIC_CELL: { status: 400, de: 'Die Zelle ist als Zahl gespeichert; übernommen wird „{value}“. Bitte als Text formatieren (z. B. 1.10 statt 1.1).', en: 'The cell is stored as a number; "{value}" is taken. Format it as text (e.g. 1.10 rather than 1.1).' },
  INVENTORY_CODE_UNKNOWN: { status: 400, de: 'Unbekannter Wert „{value}“; erlaubt: {allowed}.', en: 'Unknown value "{value}"; allowed: {allowed}.' },
  INVENTORY_DATE_INVALID: { status: 400, de: 'Kein gültiges Datum; erwartet JJJJ-MM-TT oder TT.MM.JJJJ.', en: 'Not a valid date; expected YYYY-MM-DD or DD.MM.YYYY.' },
  INVENTORY_VALUES_MISALIGNED: { status: 400, de: 'ip, mac, hostname und segment brauchen gleich viele durch | getrennte Werte (einer je Schnittstelle).', en: 'ip, mac, hostname and segment need the same number of |-separated values (one per interface).' },
  INVENTORY_INTERFACE_EMPTY: { status: 400, de: 'Eine Schnittstelle ohne IP, MAC, Hostname und Segment.', en: 'An interface without IP, MAC, hostname and segment.' },
  INVENTORY_CONFLICT: { status: 400, de: 'Maschine „{machine_id}“ hat in {file} Zeile {row} einen anderen Wert („{other}“).', en: 'Machine "{machine_id}" has another value in {file} row {row} ("{other}").' },
  INVENTORY_COMPONENT_DUPLICATE: { status: 400, de: 'Dieselbe Komponente steht mit anderen Werten schon in {file} Zeile {row}.', en: 'The same component is listed with other values in {file} row {row}.' },
  INVENTORY_ROW_REPEATED: { status: 400, de: 'Die Komponente steht gleichlautend schon in {file} Zeile {row}; die Zeile wird einmal übernommen.', en: 'The component is listed identically in {file} row {row}; it is taken once.' },
  INVENTORY_MACHINE_DECOMMISSIONED: { status: 400, de: 'Die Maschine ist außer Betrieb genommen und kann nicht importiert werden.', en: 'The machine is decommissioned and cannot be imported.' },
  INVENTORY_SITE_CREATED: { status: 400, de: 'Unbekannter Standort; er wird mit Zeitzone {zone} angelegt. Bitte prüfen.', en: 'Unknown site; it is created with time zone {zone}. Please check it.' },
  INVENTORY_AREA_CREATED: { status: 400, de: 'Unbekannter Bereich; er wird angelegt.', en: 'Unknown area; it is created.' },
  INVENTORY_SEGMENT_CREATED: { status: 400, de: 'Unbekanntes Segment; es wird mit Zonentyp „unknown“ angelegt und zur Prüfung markiert.', en: 'Unknown segment; it is created with zone type "unknown" and flagged for review.' },
  INVENTORY_IP_OUTSIDE_SEGMENT: { status: 400, de: 'Die IP liegt außerhalb des Netzes {cidr} von Segment „{segment}“.', en: 'The IP lies outside the network {cidr} of segment "{segment}".' },
  INVENTORY_NOT_EMPTY: { status: 409, de: 'Das Inventar enthält bereits Standorte oder Maschinen. Mit --force (bzw. „force“: true) wird die Demo-Anlage daneben angelegt.', en: 'The inventory already holds sites or machines. Use --force (or "force": true) to add the demo plant beside them.' },

  // Sites, areas and segments: field details
  SITE_KEY_INVALID: { status: 400, de: 'Ein Standortschlüssel besteht aus höchstens 50 Zeichen ohne Leerzeichen und ohne , / | \\.', en: 'A site key has at most 50 characters, no spaces and none of , / | \\.' },
  KEY_INVALID: { status: 400, de: 'Ein Schlüssel hat keine Leerzeichen am Anfang oder Ende und keines der Zeichen , / | \\.', en: 'A key has no spaces at its start or end and none of , / | \\.' },
  TIME_ZONE_UNKNOWN: { status: 400, de: 'Unbekannte Zeitzone; erwartet wird ein IANA-Name wie Europe/Berlin.', en: 'Unknown time zone; expected an IANA name such as Europe/Berlin.' },
  TIME_OF_DAY_INVALID: { status: 400, de: 'Erwartet wird eine Uhrzeit HH:MM zwischen 00:00 und 23:59.', en: 'Expected a time of day HH:MM between 00:00 and 23:59.' },
  SHIFT_EMPTY: { status: 400, de: 'Eine Schicht muss zu einer anderen Uhrzeit enden, als sie beginnt.', en: 'A shift must end at another time than it starts.' },
  VALUE_DUPLICATE: { status: 400, de: 'Dieser Wert kommt mehrfach vor.', en: 'This value occurs more than once.' },
  CIDR_INVALID: { status: 400, de: 'Kein gültiges Netz in CIDR-Schreibweise (z. B. 10.20.0.0/24 oder 2001:db8::/64).', en: 'Not a valid network in CIDR notation (e.g. 10.20.0.0/24 or 2001:db8::/64).' },
  CIDR_OVERLAP: { status: 400, de: 'Das Netz überschneidet sich mit {cidr} von Segment „{segment}“ desselben Standorts.', en: 'The network overlaps {cidr} of segment "{segment}" of the same site.' },

  // Network documentation, partner systems, contracts, test templates, spare parts: field details
  SEGMENT_UNKNOWN: { status: 400, de: 'Unbekanntes Segment.', en: 'Unknown segment.' },
  CONDUIT_ENDPOINTS: { status: 400, de: 'Eine Verbindung führt von einem Segment oder dem Internet zu einem anderen Segment oder dem Internet, nicht zu sich selbst.', en: 'A conduit leads from a segment or the internet to another segment or the internet, not to itself.' },
  PORTS_INVALID: { status: 400, de: 'Ports als Liste, z. B. „443“, „102, 502“ oder „49152-65535“ (1–65535).', en: 'Ports as a list, e.g. "443", "102, 502" or "49152-65535" (1–65535).' },
  HOST_INVALID: { status: 400, de: 'Kein gültiger Hostname und keine gültige IP-Adresse.', en: 'Not a valid host name or IP address.' },
  URL_INVALID: { status: 400, de: 'Keine gültige Adresse (z. B. opc.tcp://10.0.0.5:4840, https://mes.local/, \\\\fs01\\nc).', en: 'Not a valid address (e.g. opc.tcp://10.0.0.5:4840, https://mes.local/, \\\\fs01\\nc).' },
  HOST_OR_URL_REQUIRED: { status: 400, de: 'Bitte Host (mit Port) oder Adresse angeben.', en: 'Give a host (with port) or an address.' },
  DATE_INVALID: { status: 400, de: 'Kein gültiges Datum (JJJJ-MM-TT).', en: 'Not a valid date (YYYY-MM-DD).' },
  DATE_RANGE_INVALID: { status: 400, de: 'Das Ende liegt vor dem Beginn.', en: 'The end lies before the start.' },
  MACHINES_REQUIRED: { status: 400, de: 'Bitte mindestens eine Maschine angeben.', en: 'Name at least one machine.' },
  MACHINE_UNKNOWN: { status: 400, de: 'Unbekannte Maschine „{value}“.', en: 'Unknown machine "{value}".' },
  USER_UNKNOWN: { status: 400, de: 'Unbekannte Person.', en: 'Unknown person.' },
  TEXT_DE_OR_EN_REQUIRED: { status: 400, de: 'Bitte den Text auf Deutsch oder Englisch angeben.', en: 'Give the text in German or English.' },
  TEMPLATE_OWNER: { status: 400, de: 'Eine Prüfvorlage gehört entweder zu einem Vertrag oder zu einem Maschinentyp eines Standorts.', en: 'A test template belongs either to a contract or to a machine type of a site.' },
  TEMPLATE_ITEMS_REQUIRED: { status: 400, de: 'Eine Prüfvorlage braucht mindestens einen Prüfpunkt.', en: 'A test template needs at least one item.' },
  MACHINE_OTHER_SITE: { status: 400, de: 'Die Maschine „{value}“ steht an einem anderen Standort.', en: 'The machine "{value}" is at another site.' },

  // CycloneDX files (import errors and warnings)
  CYCLONEDX_SPEC_VERSION: { status: 400, de: 'CycloneDX {value} wird nicht angenommen; erwartet wird specVersion 1.6.', en: 'CycloneDX {value} is not accepted; specVersion 1.6 is expected.' },
  CYCLONEDX_SCHEMA: { status: 400, de: 'Verstößt gegen das CycloneDX-1.6-Schema: {message}', en: 'Violates the CycloneDX 1.6 schema: {message}' },
  CYCLONEDX_BOM_REF_DUPLICATE: { status: 400, de: 'Die bom-ref „{value}“ kommt mehrfach vor.', en: 'The bom-ref "{value}" occurs more than once.' },
  CYCLONEDX_MACHINE_MISSING: { status: 400, de: 'metadata.component (die Maschine, type device, bom-ref = machine_id) fehlt.', en: 'metadata.component (the machine, type device, bom-ref = machine_id) is missing.' },
  CYCLONEDX_NOT_JSON: { status: 400, de: 'Die Datei ist kein gültiges JSON.', en: 'The file is not valid JSON.' },
  CYCLONEDX_TYPE_MAPPED: { status: 400, de: 'Der CycloneDX-Typ „{value}“ wird als Komponententyp „{component_type}“ übernommen.', en: 'The CycloneDX type "{value}" is imported as component type "{component_type}".' },
  CYCLONEDX_COMPONENT_SKIPPED: { status: 400, de: 'Komponenten vom CycloneDX-Typ „{value}“ sind keine Software der Maschine und werden nicht übernommen.', en: 'Components of CycloneDX type "{value}" are not software of the machine and are not imported.' },

  // Enrichment files (`kev import`, `epss import`: the error and the details of errors[])
  KEV_FILE_INVALID: { status: 400, de: 'Die Datei ist kein gültiger KEV-Katalog von CISA; nichts wurde gespeichert.', en: 'The file is not a valid CISA KEV catalog; nothing was stored.' },
  KEV_NOT_JSON: { status: 400, de: 'Die Datei ist kein gültiges JSON.', en: 'The file is not valid JSON.' },
  KEV_COUNT_MISMATCH: { status: 400, de: '„count“ nennt {count} Einträge, die Liste hat {actual}; die Datei ist vermutlich unvollständig.', en: '"count" says {count} entries but the list has {actual}; the file is probably incomplete.' },
  KEV_CVE_REPEATED: { status: 400, de: '{value} steht mehrfach im Katalog (zuerst unter {first}).', en: '{value} is listed more than once (first at {first}).' },
  KEV_CVE_INVALID: { status: 400, de: 'Keine gültige CVE-Kennung (CVE-JJJJ-NNNN…).', en: 'Not a valid CVE id (CVE-YYYY-NNNN…).' },
  KEV_DATE_INVALID: { status: 400, de: 'Kein gültiges Datum (JJJJ-MM-TT).', en: 'Not a valid date (YYYY-MM-DD).' },
  KEV_INSTANT_INVALID: { status: 400, de: 'Kein gültiger Zeitpunkt (ISO 8601).', en: 'Not a valid date and time (ISO 8601).' },
  KEV_RANSOMWARE_VALUE: { status: 400, de: 'Erwartet „Known“ oder „Unknown“.', en: 'Expected "Known" or "Unknown".' },
  KEV_CWE_INVALID: { status: 400, de: 'Keine gültige CWE-Kennung (CWE-NNN).', en: 'Not a valid CWE id (CWE-NNN).' },
  EPSS_FILE_INVALID: { status: 400, de: 'Die Datei ist keine gültige EPSS-Datei von FIRST; nichts wurde gespeichert.', en: 'The file is not a valid FIRST EPSS file; nothing was stored.' },
  EPSS_NOT_GZIP: { status: 400, de: 'Die Datei heißt .gz, ist aber nicht gzip-komprimiert.', en: 'The file is named .gz but is not gzip-compressed.' },
  EPSS_FILE_TOO_LARGE: { status: 400, de: 'Der Text der Datei ist größer als {limit} (die Datei von FIRST hat rund 10 MB); nichts wurde gespeichert.', en: 'The file\'s text is larger than {limit} (FIRST\'s file has about 10 MB); nothing was stored.' },
  EPSS_GZIP_CORRUPT: { status: 400, de: 'Die gzip-Datei ist beschädigt oder abgeschnitten: {message}', en: 'The gzip file is damaged or truncated: {message}' },
  EPSS_COMMENT_MISSING: { status: 400, de: 'Die erste Zeile muss „#model_version:…,score_date:…“ lauten.', en: 'The first line must be "#model_version:…,score_date:…".' },
  EPSS_SCORE_DATE_INVALID: { status: 400, de: 'score_date ist kein gültiger Zeitpunkt (z. B. 2025-08-25T00:00:00+0000).', en: 'score_date is not a valid date and time (e.g. 2025-08-25T00:00:00+0000).' },
  EPSS_HEADER_MISSING: { status: 400, de: 'Die Kopfzeile muss „cve,epss,percentile“ lauten.', en: 'The header must be "cve,epss,percentile".' },
  EPSS_COLUMN_COUNT: { status: 400, de: 'Erwartet 3 Werte (cve,epss,percentile), gefunden {count}.', en: 'Expected 3 values (cve,epss,percentile), found {count}.' },
  EPSS_CVE_INVALID: { status: 400, de: 'Keine gültige CVE-Kennung (CVE-JJJJ-NNNN…).', en: 'Not a valid CVE id (CVE-YYYY-NNNN…).' },
  EPSS_NUMBER_INVALID: { status: 400, de: 'Erwartet eine Zahl von 0 bis 1.', en: 'Expected a number from 0 to 1.' },
  EPSS_CVE_REPEATED: { status: 400, de: '{value} steht mehrfach in der Datei (zuerst in Zeile {first}).', en: '{value} is listed more than once (first in row {first}).' },
  ENRICHMENT_EMPTY: { status: 400, de: 'Die Datei enthält keine Einträge; sie würde alle bisherigen ersetzen.', en: 'The file holds no entries; it would replace all current ones.' },
  ENRICHMENT_OLDER_THAN_STORED: {
    status: 409,
    de: 'Die Datei ist vom {file_date}, die gespeicherten Daten vom {stored_date}: ältere Daten würden neuere ersetzen; nichts wurde gespeichert (absichtlich: --allow-older).',
    en: 'The file is of {file_date}, the stored data of {stored_date}: older data would replace newer; nothing was stored (on purpose: --allow-older).',
  },
  ENRICHMENT_MORE_ERRORS: { status: 400, de: 'Weitere {count} Fehler werden nicht einzeln gezeigt.', en: '{count} more errors are not listed.' },

  // Advisory import (`advisories import`: errors of rejected and flagged files)
  ADVISORY_SIDECAR_WITHOUT_DOCUMENT: {
    status: 400,
    de: '{file} prüft ein Dokument, das nicht mit hochgeladen wurde; bitte das Dokument dazulegen oder die Datei weglassen.',
    en: '{file} checks a document that was not uploaded with it; add the document or leave the file out.',
  },
  ADVISORY_HASH_SIDECAR_UNREADABLE: { status: 400, de: 'Die Prüfsummendatei {sidecar} lässt sich nicht lesen: {reason}', en: 'The hash file {sidecar} cannot be read: {reason}' },
  ADVISORY_HASH_SIDECAR_INVALID: { status: 400, de: 'Die Prüfsummendatei {sidecar} beginnt nicht mit einem {algorithm}-Hash in Hexadezimalschreibweise.', en: 'The hash file {sidecar} does not start with a hexadecimal {algorithm} hash.' },
  ADVISORY_HASH_MISMATCH: { status: 400, de: 'Die Datei stimmt nicht mit ihrer Prüfsumme in {sidecar} überein ({algorithm} ist {actual}, erwartet {expected}).', en: 'The file does not match its hash in {sidecar} ({algorithm} is {actual}, expected {expected}).' },
  ADVISORY_SIGNATURE_NOT_CHECKED: { status: 400, de: 'Signatur nicht geprüft: {sidecar} liegt vor, aber kein Schlüssel des Anbieters (--key).', en: 'Signature not checked: {sidecar} is present but no key of the provider was given (--key).' },
  ADVISORY_SIGNATURE_MISSING: { status: 400, de: 'Keine Signatur: neben dem Dokument liegt keine .asc-Datei, obwohl Schlüssel angegeben sind.', en: 'No signature: there is no .asc file beside the document although keys were given.' },
  ADVISORY_SIGNATURE_INVALID: { status: 400, de: 'Die Signatur {sidecar} passt nicht zum Dokument (Schlüssel {keyId}): {reason}', en: 'The signature {sidecar} does not match the document (key {keyId}): {reason}' },
  ADVISORY_SIGNATURE_UNKNOWN_KEY: { status: 400, de: 'Die Signatur {sidecar} stammt von Schlüssel {keyId}, der nicht unter den angegebenen Schlüsseln ist.', en: 'The signature {sidecar} was made with key {keyId}, which is not among the keys given.' },
  ADVISORY_SIGNATURE_ALGORITHM: { status: 400, de: 'Das Verfahren der Signatur {sidecar} (Schlüssel {keyId}) wird nicht akzeptiert: {reason}', en: 'The algorithm of the signature {sidecar} (key {keyId}) is not accepted: {reason}' },
  ADVISORY_SIGNATURE_UNREADABLE: { status: 400, de: 'Die Signaturdatei {sidecar} ist keine lesbare OpenPGP-Signatur: {reason}', en: 'The signature file {sidecar} is not a readable OpenPGP signature: {reason}' },
  ADVISORY_KEY_FILE_INVALID: { status: 400, de: 'Die Schlüsseldatei {file} enthält keinen lesbaren öffentlichen OpenPGP-Schlüssel: {reason}', en: 'The key file {file} holds no readable OpenPGP public key: {reason}' },
  ADVISORY_VARIANT: { status: 400, de: 'Gleiche Trackingversion {version} wie ein gespeichertes Dokument, aber anderer Inhalt; als Variante gespeichert, das aktuelle Dokument bleibt.', en: 'Same tracking version {version} as a stored document but other content; stored as a variant, the current document stays.' },

  // Manual vendor notices (field details of POST/PUT /advisories/manual and the link)
  CVE_ID_INVALID: { status: 400, de: 'Keine gültige CVE-Kennung (CVE-JJJJ-NNNN…).', en: 'Not a valid CVE id (CVE-YYYY-NNNN…).' },
  CVSS_VECTOR_INVALID: { status: 400, de: 'Kein gültiger CVSS-v3-Vektor (z. B. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H).', en: 'Not a valid CVSS v3 vector (e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H).' },
  CVSS_METRIC_REPEATED: { status: 400, de: 'Die Metrik {metric} steht mehrfach im Vektor.', en: 'The metric {metric} appears more than once in the vector.' },
  CVSS_BASE_INCOMPLETE: { status: 400, de: 'Im Vektor fehlt die Basismetrik {metric}.', en: 'The vector lacks the base metric {metric}.' },
  CVSS_VERSION_NOT_IN_CSAF20: { status: 400, de: 'CSAF 2.0 nimmt nur CVSS v3.0 und v3.1 auf; bitte den v3-Vektor angeben oder das Feld leer lassen.', en: 'CSAF 2.0 holds only CVSS v3.0 and v3.1; give the v3 vector or leave the field empty.' },
  REPORTED_AT_IN_FUTURE: { status: 400, de: 'Der Zeitpunkt liegt in der Zukunft.', en: 'The date lies in the future.' },
  MANUAL_NOTICE_CSAF_TEST: { status: 400, de: 'Das daraus erzeugte CSAF-Dokument besteht Pflichtprüfung {test} nicht: {message}', en: 'The CSAF document made from it fails mandatory test {test}: {message}' },
  MANUAL_NOTICE_LINK_UNKNOWN: { status: 400, de: 'Diese Meldung gibt es nicht.', en: 'There is no such advisory.' },
  MANUAL_NOTICE_LINK_NOT_CSAF: { status: 400, de: 'Eine Herstellermeldung lässt sich nur mit einer importierten CSAF-Meldung verknüpfen.', en: 'A vendor notice can only be linked to an imported CSAF advisory.' },

  // CSAF documents (validation findings: errors[] / warnings[] / infos[] of `advisories validate`, each with `test`)
  CSAF_DOCUMENT_TOO_LARGE: { status: 413, de: 'Das Dokument ist zu groß ({size} Bytes, höchstens {limit}); es wird nicht gelesen.', en: 'The document is too large ({size} bytes, at most {limit}); it is not read.' },
  CSAF_NOT_UTF8: { status: 400, de: 'Die Datei ist kein gültiges UTF-8 (CSAF verlangt UTF-8).', en: 'The file is not valid UTF-8 (CSAF requires UTF-8).' },
  CSAF_TOO_DEEP: { status: 400, de: 'Das JSON ist tiefer als {limit} Ebenen verschachtelt; es wird nicht geprüft.', en: 'The JSON is nested deeper than {limit} levels; it is not checked.' },
  CSAF_NOT_JSON: { status: 400, de: 'Die Datei ist kein gültiges JSON: {message}', en: 'The file is not valid JSON: {message}' },
  CSAF_VERSION_UNSUPPORTED: { status: 400, de: 'csaf_version „{value}“ wird nicht unterstützt; erwartet wird 2.0.', en: 'csaf_version "{value}" is not supported; 2.0 is expected.' },
  CSAF_SCHEMA: { status: 400, de: 'Verstößt gegen das CSAF-2.0-Schema: {message}', en: 'Violates the CSAF 2.0 schema: {message}' },
  CSAF_MANDATORY_TEST: { status: 400, de: 'Pflichtprüfung {test} nicht bestanden: {message}', en: 'Mandatory test {test} failed: {message}' },
  CSAF_OPTIONAL_TEST: { status: 400, de: 'Optionale Prüfung {test}: {message}', en: 'Optional test {test}: {message}' },
  CSAF_INFORMATIVE_TEST: { status: 400, de: 'Informative Prüfung {test}: {message}', en: 'Informative test {test}: {message}' },
  CSAF_TEST_NOT_RUN: { status: 400, de: 'Prüfung {test} ließ sich nicht ausführen: {message}', en: 'Test {test} could not run: {message}' },
  CSAF_MORE_FINDINGS: { status: 400, de: 'Weitere {count} Befunde von Prüfung {test} werden nicht einzeln gezeigt.', en: '{count} more findings of test {test} are not listed.' },
  CSAF_VALIDATOR_FAILED: { status: 500, de: 'Die Prüfung dieses Dokuments ist abgebrochen ({message}); das Dokument gilt als ungültig.', en: 'Checking this document broke off ({message}); the document counts as invalid.' },
  CSAF_FILE_UNREADABLE: { status: 400, de: 'Die Datei lässt sich nicht lesen: {message}', en: 'The file cannot be read: {message}' },

  // Authentication and authorization
  UNAUTHENTICATED: { status: 401, de: 'Bitte zuerst anmelden.', en: 'Please log in first.' },
  INVALID_CREDENTIALS: { status: 401, de: 'Benutzername oder Passwort ist falsch.', en: 'Wrong username or password.' },
  ACCOUNT_LOCKED: { status: 423, de: 'Das Konto ist nach zu vielen Fehlversuchen bis {until} gesperrt.', en: 'The account is locked after too many failed attempts until {until}.' },
  RATE_LIMITED: { status: 429, de: 'Zu viele Versuche von dieser Adresse. Bitte später erneut versuchen.', en: 'Too many attempts from this address. Please try again later.' },
  CSRF_FAILED: { status: 403, de: 'Sicherheitsprüfung der Sitzung fehlgeschlagen. Bitte Seite neu laden.', en: 'Session security check failed. Please reload the page.' },
  FORBIDDEN: { status: 403, de: 'Dafür fehlt Ihnen die Berechtigung.', en: 'You are not permitted to do this.' },
  NOT_FOUND: { status: 404, de: 'Nicht gefunden.', en: 'Not found.' },
  SETUP_TOKEN_INVALID: { status: 400, de: 'Der Einrichtungslink ist ungültig, abgelaufen oder wurde bereits verwendet.', en: 'The setup link is invalid, expired or already used.' },
  SETUP_COMPLETE: { status: 409, de: 'Patchwerk ist bereits eingerichtet.', en: 'Patchwerk is already set up.' },
  PASSWORD_TOO_SHORT: { status: 400, de: 'Das Passwort muss mindestens {min} Zeichen lang sein.', en: 'The password must be at least {min} characters long.' },
  PASSWORD_INCORRECT: { status: 400, de: 'Das bisherige Passwort ist falsch.', en: 'The current password is wrong.' },
  GRANT_EXCEEDS_SCOPE: { status: 403, de: 'Sie können nur Rechte innerhalb Ihres eigenen Bereichs vergeben.', en: 'You can only grant rights within your own scope.' },
  ADMIN_GRANT_REQUIRES_ALL_SITES: { status: 403, de: 'Nur Administratoren für alle Standorte dürfen Administratoren anlegen.', en: 'Only all-sites administrators may create administrators.' },
  OWN_GRANTS_IMMUTABLE: { status: 403, de: 'Niemand darf die eigenen Rechte ändern.', en: 'Nobody may change their own grants.' },
  VENDOR_GRANT_INVALID: { status: 400, de: 'Herstellerzugänge brauchen einen Maschinenbereich und ein Ablaufdatum.', en: 'Vendor grants need a machine scope and an expiry date.' },
  SCOPE_UNKNOWN: { status: 400, de: 'Der Bereich „{value}“ nennt einen unbekannten Standort oder eine unbekannte Maschine.', en: 'The scope "{value}" names an unknown site or machine.' },
  USER_DISABLED: { status: 409, de: 'Der Benutzer ist deaktiviert.', en: 'The user is disabled.' },
  LAST_ADMIN: { status: 409, de: 'Der letzte aktive Administrator für alle Standorte kann nicht deaktiviert werden.', en: 'The last active all-sites administrator cannot be disabled.' },

  // Artifacts
  ARTIFACT_CORRUPT: { status: 500, de: 'Die gespeicherte Datei stimmt nicht mehr mit ihrer Prüfsumme überein.', en: 'The stored file no longer matches its checksum.' },

  // Process gates (PROCESS.md)
  INVALID_TRANSITION: gate('Dieser Schritt ist im Zustand „{state}“ nicht möglich.', 'This step is not possible in state "{state}".'),
  ADVISORY_NOT_CONFIRMED: gate('Die Meldung hat Pflichtprüfungen nicht bestanden und muss erst bestätigt werden.', 'The advisory failed mandatory tests and must be confirmed first.'),
  REASON_REQUIRED: gate('Bitte eine Begründung angeben.', 'Please give a reason.'),
  TRIAGE_INCOMPLETE: gate('Für die Einflussanalyse fehlen Werte, Quellen oder die Begründung.', 'The impact analysis lacks values, sources or the rationale.'),
  JUSTIFICATION_REQUIRED: gate('Bitte eine VEX-Begründung (Code und Text) angeben.', 'Please give a VEX justification (code and text).'),
  DUPLICATE_TARGET_REQUIRED: gate('Bitte den Arbeitsschritt angeben, der bestehen bleibt.', 'Please name the work item that remains.'),
  REVIEW_DATE_REQUIRED: gate('Bitte ein Überprüfungsdatum innerhalb der Richtlinie angeben.', 'Please give a review date within policy.'),
  MEASURES_REQUIRED: gate('Bitte die ausgleichenden Maßnahmen angeben.', 'Please name the compensating measures.'),
  EXPIRY_TOO_LONG: gate('Die Risikoakzeptanz darf höchstens 12 Monate gelten.', 'A risk acceptance may last at most 12 months.'),
  FOUR_EYES_VIOLATION: gate('Vier-Augen-Prinzip: Diesen Schritt muss eine andere Person ausführen.', 'Four-eyes rule: another person must do this step.'),
  EVIDENCE_REQUIRED: gate('Bitte einen Nachweis angeben (Notiz, Foto oder Datei).', 'Please give evidence (note, photo or file).'),
  MEASURE_STILL_REQUIRED: gate('Die Maßnahme wird noch gebraucht, bis das Update abgenommen ist.', 'The measure is still required until the update is accepted.'),
  PACKAGE_NOT_VERIFIED: gate('Das Paket ist nicht gegen den veröffentlichten Hash oder die Signatur des Herstellers geprüft.', "The package is not verified against the vendor's published hash or signature."),
  RELEASE_NOT_APPLICABLE: gate('Die Freigabe gilt nicht für Modell oder Version dieser Maschine.', "The release does not apply to this machine's model or version."),
  PLAN_ITEMS_INVALID: gate('Ein Rolloutplan umfasst nur bereite Arbeitsschritte einer Freigabe.', 'A rollout plan holds only ready work items of one release.'),
  WINDOW_REQUIRED: gate('Jede Maschine der ersten Welle braucht ein Wartungsfenster.', 'Every machine of the first wave needs a maintenance window.'),
  EMERGENCY_NOT_JUSTIFIED: gate('Ein Notfallfenster ist nur bei sofortiger oder außerplanmäßiger Dringlichkeit zulässig.', 'An emergency window is only allowed for immediate or out-of-cycle priority.'),
  BACKUP_REQUIRED: gate('Vor der Installation ist eine Datensicherung dieser Maschine nötig.', 'A backup of this machine is required before installation.'),
  BACKUP_STALE: gate('Die Datensicherung ist zu alt.', 'The backup is too old.'),
  BACKUP_WRONG_MACHINE: gate('Die Datensicherung gehört zu einer anderen Maschine.', 'The backup belongs to another machine.'),
  WINDOW_CLOSED: gate('Das Wartungsfenster ist nicht geöffnet.', 'The maintenance window is not open.'),
  WAVE_NOT_STARTED: gate('Die Welle dieses Arbeitsschritts darf noch nicht beginnen.', "This work item's wave may not start yet."),
  VERSIONS_REQUIRED: gate('Bitte Version vorher und nachher angeben.', 'Please give the versions before and after.'),
  ROLLBACK_TEST_REQUIRED: gate('Nach der Wiederherstellung ist ein bestandener Test der Sicherheitsfunktionen nötig.', 'A passed test of the safety functions is required after the restore.'),
  TEST_INCOMPLETE: gate('Jeder Prüfpunkt braucht ein Ergebnis; Fehler nur als akzeptierte Abweichung.', 'Every test item needs a result; failures only as accepted deviations.'),
  STEP_UP_REQUIRED: gate('Bitte zum Unterschreiben erneut mit Passwort bestätigen.', 'Please confirm with your password again to sign.'),
  SIGNATURES_INCOMPLETE: gate('Zuerst muss die ausführende Person unterschreiben.', 'The performer must sign first.'),
  REDUNDANCY_CONFLICT: gate('Ein Wartungsfenster darf nicht alle Maschinen einer Redundanzgruppe oder Linie umfassen.', 'A maintenance window may not hold every machine of a redundancy group or line.'),
  VERSION_MISMATCH: gate('Das Inventar zeigt noch nicht die Zielversion.', 'The inventory does not show the target version yet.'),
  MEASURES_UNDECIDED: gate('Über jede Sofortmaßnahme muss entschieden sein (aufgehoben oder beibehalten).', 'Every interim measure must be decided (lifted or kept).'),
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof errorCodes;

/** True when `value` names a code of the table (schemas use codes as their custom messages). */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
