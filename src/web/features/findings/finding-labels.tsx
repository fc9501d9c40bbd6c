// Labels and badges of finding codes: status, how sure the match is, how it matched, the false-match mark.
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../../app/api-types.ts';

/** The translated label of a finding code in `group` (`findings.status.fixed`); unknown codes stay as they are. */
export function findingLabel(t: TFunction, group: 'status' | 'confidence' | 'matchedBy' | 'gaps', code: string): string {
  return t(`findings.${group}.${code}`, { defaultValue: code });
}

// Badges shrink and cut their text in narrow table cells unless they keep their full width.
const whole = { minWidth: 'max-content' } as const;

// Dark shades, filled or outlined, so the text keeps 4.5:1 on white and on striped rows.
const statusStyle: Record<FindingView['status'], { color: string; variant: 'filled' | 'outline' }> = {
  known_affected: { color: 'red.9', variant: 'filled' },
  under_investigation: { color: 'violet.9', variant: 'outline' },
  fixed: { color: 'green.9', variant: 'outline' },
  known_not_affected: { color: 'gray.7', variant: 'outline' },
};

/** The finding status; "known affected" stands out. */
export function FindingStatusBadge({ status }: { status: FindingView['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...statusStyle[status]} tt="none" style={whole}>
      {findingLabel(t, 'status', status)}
    </Badge>
  );
}

const confidenceColor: Record<FindingView['confidence'], string> = { high: 'green.9', medium: 'blue.9', low: 'red.9' };

/** How sure the match is ("Sicherheit: niedrig"). */
export function ConfidenceBadge({ confidence }: { confidence: FindingView['confidence'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={confidenceColor[confidence]} variant="outline" tt="none" style={whole}>
      {t('findings.confidenceBadge', { level: findingLabel(t, 'confidence', confidence) })}
    </Badge>
  );
}

/** The false-match mark. */
export function FalseMatchBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="gray.7" variant="filled" tt="none" style={whole}>
      {t('findings.falseMatch')}
    </Badge>
  );
}
