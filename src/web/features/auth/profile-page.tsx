// Own profile: display name, e-mail and language (saved on the server), and the password change.
import { PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, MeView } from '../../app/api-types.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormSection, Section } from '../../app/section.tsx';
import { GrantSummary } from '../users/grant-badges.tsx';
import { LanguageSelect, NewPasswordInput, passwordLongEnough, PasswordRepeatInput } from './account-fields.tsx';
import { useChangePassword, useCurrentUser, useUpdateProfile } from './auth.api.ts';

/** The own-profile page. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Stack gap="lg">
        <Section title={t('profile.access')}>
          <Text size="sm" mb="xs">
            {t('profile.signedInAs', { username: me.username })}
          </Text>
          <GrantSummary grants={me.grants} />
        </Section>
        <ProfileForm key={me.version} me={me} />
        <PasswordForm />
      </Stack>
    </>
  );
}

function ProfileForm({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(me.display_name);
  const [email, setEmail] = useState(me.email ?? '');
  const [language, setLanguage] = useState<Language>(me.language);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ version: me.version, display_name: displayName.trim(), email: email.trim() || null, language });
  };

  return (
    <FormSection
      title={t('profile.personal')}
      onSubmit={onSubmit}
      error={update.error}
      fields={['display_name', 'email', 'language']}
      success={update.isSuccess ? t('profile.saved') : undefined}
      submitLabel={t('common.save')}
      pending={update.isPending}
      maw={520}
    >
      <TextInput label={t('users.displayName')} required value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} error={fieldError(update.error, 'display_name')} />
      <TextInput label={t('users.email')} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldError(update.error, 'email')} />
      <LanguageSelect value={language} onChange={setLanguage} error={fieldError(update.error, 'language')} />
    </FormSection>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!current || !passwordLongEnough(next) || next !== repeat) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          setChecked(false);
        },
      },
    );
  };

  return (
    <FormSection
      title={t('profile.passwordTitle')}
      onSubmit={onSubmit}
      error={change.error}
      fields={['current_password', 'new_password']}
      success={change.isSuccess ? t('profile.passwordChanged') : undefined}
      submitLabel={t('profile.changePassword')}
      pending={change.isPending}
      maw={520}
    >
      <PasswordInput
        label={t('profile.currentPassword')}
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => setCurrent(event.currentTarget.value)}
        error={(checked && !current ? t('validation.required') : undefined) ?? fieldError(change.error, 'current_password', ['PASSWORD_INCORRECT'])}
      />
      <NewPasswordInput label={t('users.newPassword')} value={next} onChange={setNext} showProblems={checked} serverError={fieldError(change.error, 'new_password')} />
      <PasswordRepeatInput value={repeat} password={next} onChange={setRepeat} showProblems={checked} />
    </FormSection>
  );
}
