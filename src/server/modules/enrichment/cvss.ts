import cvssCalculator from 'ae-cvss-calculator';

// CVSS base scores and severities from vector strings (v3.0, v3.1, v4.0), computed with
// ae-cvss-calculator. The library accepts almost anything without throwing (unknown metrics are
// ignored, a repeated metric silently wins, missing base metrics score 0), so a vector is first
// checked against the vectorString patterns of FIRST's JSON schemas (cvss-v3.x_strict, cvss-v4.0),
// for repeated metrics and for complete base metrics (`isBaseFullyDefined()`). A vector that fails
// is reported with a reason instead of a score. Pure: no I/O.

// The bundle is CommonJS without named exports that Node's ESM loader can see.
const { Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

export type CvssVersion = '3.0' | '3.1' | '4.0';

/** Qualitative severity rating (the same bands in v3.x and v4.0), as a stable lower-case code. */
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/**
 * Why a vector has no score: `not_cvss` (not a CVSS vector string at all), `unsupported_version`
 * (CVSS v2 or an unknown version), `malformed` (unknown metric or value, wrong syntax or, in v4.0,
 * metrics out of the specified order), `metric_repeated`, `base_incomplete` (a base metric missing).
 */
export type CvssInvalidReason = 'not_cvss' | 'unsupported_version' | 'malformed' | 'metric_repeated' | 'base_incomplete';

export interface CvssScore {
  valid: true;
  version: CvssVersion;
  /** The vector as given (trimmed). */
  vector: string;
  /** Score of the base metrics alone (what CSAF's `baseScore` holds in v3.x and v4.0). */
  base_score: number;
  base_severity: CvssSeverity;
  /**
   * Score of the whole vector: v3.x the environmental, else temporal, else base score; v4.0 the
   * CVSS-B, -BT, -BE or -BTE score of the metrics present.
   */
  score: number;
  severity: CvssSeverity;
}

export interface CvssInvalid {
  valid: false;
  /** The version the prefix names, when it names one. */
  version: string | null;
  vector: string;
  reason: CvssInvalidReason;
  /** The offending metric, when there is one: `AV` repeated, `AC` missing, `AV:Q` not understood. */
  metric?: string;
}

export type CvssResult = CvssScore | CvssInvalid;

// vectorString patterns of FIRST's cvss-v3.0_strict.json / cvss-v3.1_strict.json (metrics in any
// order) and cvss-v4.0.json (metrics in the specified order), split into one pattern per metric so a
// problem can be named.
const v3Metric = /^(?:AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$/;
const v4Metric =
  /^(?:AV:[NALP]|AC:[LH]|AT:[NP]|PR:[NLH]|UI:[NPA]|VC:[HLN]|VI:[HLN]|VA:[HLN]|SC:[HLN]|SI:[HLN]|SA:[HLN]|E:[XAPU]|[CIA]R:[XHML]|MAV:[XNALP]|MAC:[XLH]|MAT:[XNP]|MPR:[XNLH]|MUI:[XNPA]|MV[CIA]:[XNLH]|MSC:[XNLH]|MS[IA]:[XNLHS]|S:[XNP]|AU:[XNY]|R:[XAUI]|V:[XDC]|RE:[XLMH]|U:(?:X|Clear|Green|Amber|Red))$/;
const v4Pattern =
  /^CVSS:4[.]0\/AV:[NALP]\/AC:[LH]\/AT:[NP]\/PR:[NLH]\/UI:[NPA]\/VC:[HLN]\/VI:[HLN]\/VA:[HLN]\/SC:[HLN]\/SI:[HLN]\/SA:[HLN](\/E:[XAPU])?(\/CR:[XHML])?(\/IR:[XHML])?(\/AR:[XHML])?(\/MAV:[XNALP])?(\/MAC:[XLH])?(\/MAT:[XNP])?(\/MPR:[XNLH])?(\/MUI:[XNPA])?(\/MVC:[XNLH])?(\/MVI:[XNLH])?(\/MVA:[XNLH])?(\/MSC:[XNLH])?(\/MSI:[XNLHS])?(\/MSA:[XNLHS])?(\/S:[XNP])?(\/AU:[XNY])?(\/R:[XAUI])?(\/V:[XDC])?(\/RE:[XLMH])?(\/U:(X|Clear|Green|Amber|Red))?$/;
// A CVSS v2 vector has no prefix; its base metrics are recognisable.
const v2Pattern = /^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]/;

const baseMetrics: Record<CvssVersion, readonly string[]> = {
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

/** The qualitative rating of a score (CVSS v3.x and v4.0: 0 none, <4 low, <7 medium, <9 high). */
export function cvssSeverity(score: number): CvssSeverity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** One decimal, as CVSS scores are published (the library's floats may carry noise). */
function oneDecimal(value: number | undefined): number {
  return Math.round((value ?? 0) * 10) / 10;
}

function invalid(vector: string, version: string | null, reason: CvssInvalidReason, metric?: string): CvssInvalid {
  return { valid: false, version, vector, reason, ...(metric !== undefined ? { metric } : {}) };
}

/** Checks each metric, repeats, completeness and (v4.0) order; the version when the vector may be scored. */
function check(vector: string): CvssVersion | CvssInvalid {
  const prefix = /^CVSS:(\d+\.\d+)\//.exec(vector);
  if (!prefix) return v2Pattern.test(vector) ? invalid(vector, '2.0', 'unsupported_version') : invalid(vector, null, 'not_cvss');
  const version = prefix[1]!;
  if (version !== '3.0' && version !== '3.1' && version !== '4.0') return invalid(vector, version, 'unsupported_version');
  const metricPattern = version === '4.0' ? v4Metric : v3Metric;
  const seen = new Set<string>();
  for (const part of vector.slice(prefix[0].length).split('/')) {
    if (!metricPattern.test(part)) return invalid(vector, version, 'malformed', part);
    const name = part.slice(0, part.indexOf(':'));
    if (seen.has(name)) return invalid(vector, version, 'metric_repeated', name);
    seen.add(name);
  }
  const missing = baseMetrics[version].find((name) => !seen.has(name));
  if (missing !== undefined) return invalid(vector, version, 'base_incomplete', missing);
  if (version === '4.0' && !v4Pattern.test(vector)) return invalid(vector, version, 'malformed');
  return version;
}

/**
 * The base score and severity of a CVSS v3.0, v3.1 or v4.0 vector, or the reason it cannot be
 * scored. Never throws.
 */
export function scoreCvssVector(input: string): CvssResult {
  if (typeof input !== 'string') return invalid(String(input), null, 'not_cvss');
  const vector = input.trim();
  const checked = check(vector);
  if (typeof checked !== 'string') return checked;
  const version = checked;
  try {
    if (version === '4.0') {
      const cvss = new Cvss4P0(vector);
      if (!cvss.isBaseFullyDefined()) return invalid(vector, version, 'base_incomplete');
      const scores = cvss.calculateScores();
      const base = oneDecimal(scores.baseMetricsOnly);
      const overall = oneDecimal(scores.overall);
      return { valid: true, version, vector, base_score: base, base_severity: cvssSeverity(base), score: overall, severity: cvssSeverity(overall) };
    }
    const cvss = version === '3.0' ? new Cvss3P0(vector) : new Cvss3P1(vector);
    if (!cvss.isBaseFullyDefined()) return invalid(vector, version, 'base_incomplete');
    const scores = cvss.calculateScores();
    const base = oneDecimal(scores.base);
    const overall = oneDecimal(scores.overall);
    return { valid: true, version, vector, base_score: base, base_severity: cvssSeverity(base), score: overall, severity: cvssSeverity(overall) };
  } catch {
    // The patterns above admit only values the library knows; a throw would be a library defect.
    return invalid(vector, version, 'malformed');
  }
}
