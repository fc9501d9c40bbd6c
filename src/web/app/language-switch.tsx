// German/English switch for pages without a session; the choice is kept in this browser.
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage } from './i18n.ts';

/** A two-option language switch labelled "Sprache / Language". */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.languageSwitch')}
      value={currentLanguage()}
      onChange={(value) => void switchLanguage(value)}
      data={[
        { value: 'de', label: 'Deutsch' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
