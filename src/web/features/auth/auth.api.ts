// Session hooks: who is signed in, login, logout, profile and password changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken } from '../../app/api-client.ts';
import type { Language, MeView, SessionResponse } from '../../app/api-types.ts';
import { switchLanguage } from '../../app/i18n.ts';

/** Query key of the signed-in user. */
export const meQueryKey = ['me'] as const;

/** Loads the signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<MeView | null> {
  try {
    const session = await apiRequest<SessionResponse>('/auth/me');
    setCsrfToken(session.csrf_token);
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user (null when signed out). */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user inside pages that require a session. */
export function useCurrentUser(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a session');
  return data;
}

/** Stores a fresh session in the query cache and switches to the user's language. */
export function useAcceptSession() {
  const queryClient = useQueryClient();
  return async (session: SessionResponse): Promise<void> => {
    setCsrfToken(session.csrf_token);
    queryClient.setQueryData(meQueryKey, session.user);
    await switchLanguage(session.user.language);
  };
}

/** Signs in with username and password. */
export function useLogin() {
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      apiRequest<SessionResponse>('/auth/login', { method: 'POST', body: input }),
    onSuccess: acceptSession,
  });
}

let signedOutOnPurpose = false;

/**
 * True once after the user signed out themselves: the login page then starts fresh instead of
 * returning to the page they left (which it does after an expired session).
 */
export function takeSignedOutOnPurpose(): boolean {
  const value = signedOutOnPurpose;
  signedOutOnPurpose = false;
  return value;
}

/** Ends the session and forgets every cached answer. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      signedOutOnPurpose = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** Changes the own profile (display name, e-mail, language). */
export function useUpdateProfile() {
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: (input: { version: number; display_name: string; email: string | null; language: Language }) =>
      apiRequest<SessionResponse>('/auth/me', {
        method: 'PATCH',
        version: input.version,
        body: { display_name: input.display_name, email: input.email, language: input.language },
      }),
    onSuccess: acceptSession,
  });
}

/** Changes the own password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { current_password: string; new_password: string }) =>
      apiRequest<void>('/auth/password', { method: 'POST', body: input }),
  });
}
