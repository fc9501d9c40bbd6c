// Form fields every account form shares: login name, a new password with its rule, the repeat, the language.
import { NativeSelect, PasswordInput, TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../app/api-types.ts';

/** Minimum password length, as the server enforces it. */
export const minimumPasswordLength = 12;

/** True when a new password is long enough for the server. */
export function passwordLongEnough(password: string): boolean {
  return password.length >= minimumPasswordLength;
}

/** The login name: no autocapitalisation or spell check, `username` autocomplete unless told otherwise. */
export function UsernameInput(props: Omit<TextInputProps, 'label'>) {
  const { t } = useTranslation();
  return <TextInput label={t('auth.username')} autoComplete="username" autoCapitalize="none" spellCheck={false} required {...props} />;
}

export interface NewPasswordInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Show the length problem (after a submit attempt). */
  showProblems: boolean;
  /** Server-side message for this field. */
  serverError?: string | undefined;
  name?: string;
}

/** A new password with the length rule as description and as error once checked. */
export function NewPasswordInput({ label, value, onChange, showProblems, serverError, name }: NewPasswordInputProps) {
  const { t } = useTranslation();
  const short = showProblems && !passwordLongEnough(value);
  return (
    <PasswordInput
      label={label}
      description={t('validation.passwordRule', { count: minimumPasswordLength })}
      name={name}
      autoComplete="new-password"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={(short ? t('validation.passwordShort', { count: minimumPasswordLength }) : undefined) ?? serverError}
    />
  );
}

/** The repeat of a new password; shows the mismatch once checked. */
export function PasswordRepeatInput({ value, password, onChange, showProblems, name }: { value: string; password: string; onChange: (value: string) => void; showProblems: boolean; name?: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('auth.passwordRepeat')}
      name={name}
      autoComplete="new-password"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={showProblems && value !== password ? t('validation.passwordMismatch') : undefined}
    />
  );
}

/** The account language: Deutsch or English. */
export function LanguageSelect({ value, onChange, name, error }: { value: Language; onChange: (language: Language) => void; name?: string; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('users.language')}
      name={name}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value === 'en' ? 'en' : 'de')}
      error={error}
      data={[
        { value: 'de', label: 'Deutsch' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
