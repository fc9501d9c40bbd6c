// The profile fields an administrator sets on a user, when creating and when editing.
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language, UpdateUserInput, UserView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { LanguageSelect } from '../auth/account-fields.tsx';

/** The entered profile values; empty strings for absent optional values. */
export interface UserProfileDraft {
  display_name: string;
  email: string;
  qualification: string;
  company: string;
  language: Language;
}

/** The draft of an existing user, or an empty one in German. */
export function userProfileDraft(user?: UserView): UserProfileDraft {
  return {
    display_name: user?.display_name ?? '',
    email: user?.email ?? '',
    qualification: user?.qualification ?? '',
    company: user?.company ?? '',
    language: user?.language ?? 'de',
  };
}

/** The draft as the API takes it: trimmed, empty optional values as null. */
export function userProfileInput(draft: UserProfileDraft): Required<UpdateUserInput> {
  return {
    display_name: draft.display_name.trim(),
    email: draft.email.trim() || null,
    qualification: draft.qualification.trim() || null,
    company: draft.company.trim() || null,
    language: draft.language,
  };
}

/** The request fields UserProfileFields shows server messages for. */
export const profileFieldNames = ['display_name', 'email', 'qualification', 'company', 'language'] as const;

export interface UserProfileFieldsProps {
  draft: UserProfileDraft;
  onChange: (draft: UserProfileDraft) => void;
  /** The failed request, whose field messages show under the fields. */
  error: unknown;
  /** Show a missing display name (after a submit attempt). */
  showProblems: boolean;
}

/** Display name, e-mail, qualification, company and language. */
export function UserProfileFields({ draft, onChange, error, showProblems }: UserProfileFieldsProps) {
  const { t } = useTranslation();
  const text = (field: 'display_name' | 'email' | 'qualification' | 'company') => ({
    value: draft[field],
    onChange: (event: { currentTarget: { value: string } }) => onChange({ ...draft, [field]: event.currentTarget.value }),
    error: fieldError(error, field),
  });
  return (
    <>
      <TextInput
        label={t('users.displayName')}
        required
        {...text('display_name')}
        error={(showProblems && !draft.display_name.trim() ? t('validation.required') : undefined) ?? fieldError(error, 'display_name')}
      />
      <TextInput label={t('users.email')} type="email" {...text('email')} />
      <TextInput label={t('users.qualification')} {...text('qualification')} />
      <TextInput label={t('users.company')} {...text('company')} />
      <LanguageSelect value={draft.language} onChange={(language) => onChange({ ...draft, language })} error={fieldError(error, 'language')} />
    </>
  );
}
