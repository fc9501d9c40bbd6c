// Users and grants: list, detail, create, change, disable/enable, grants, password reset, history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { AuditItem, CreateUserInput, GrantInput, ItemList, UpdateUserInput, UserView } from '../../app/api-types.ts';

/** Every user the caller may read. */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => (await apiRequest<ItemList<UserView>>('/users')).items,
  });
}

/** One user. */
export function useUser(userId: string) {
  return useQuery({
    queryKey: ['users', userId],
    queryFn: () => apiRequest<UserView>(`/users/${encodeURIComponent(userId)}`),
  });
}

/** The audit history of one user. */
export function useUserHistory(userId: string) {
  return useQuery({
    queryKey: ['users', userId, 'history'],
    queryFn: async () => (await apiRequest<ItemList<AuditItem>>(`/users/${encodeURIComponent(userId)}/history`)).items,
  });
}

/** Creates a user with a first grant. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiRequest<UserView>('/users', { method: 'POST', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(['users', user.id], user);
      void queryClient.invalidateQueries({ queryKey: ['users'], exact: true });
    },
  });
}

/** Runs a versioned write on one user and refreshes the cached user, list and history. */
function useUserWrite<TInput>(userId: string, request: (input: TInput, version: number) => Promise<UserView | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, version }: { input: TInput; version: number }) => request(input, version),
    onSuccess: (user) => {
      if (user && typeof user === 'object' && 'id' in user) queryClient.setQueryData(['users', userId], user);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

/** Changes a user's profile. */
export function useUpdateUser(userId: string) {
  return useUserWrite<UpdateUserInput>(userId, (input, version) =>
    apiRequest<UserView>(userPath(userId), { method: 'PATCH', body: input, version }),
  );
}

/** Disables or enables a user. */
export function useSetUserDisabled(userId: string) {
  return useUserWrite<{ disabled: boolean }>(userId, (input, version) =>
    apiRequest<UserView>(`${userPath(userId)}/${input.disabled ? 'disable' : 'enable'}`, { method: 'POST', version }),
  );
}

/** Adds a grant. */
export function useAddGrant(userId: string) {
  return useUserWrite<GrantInput>(userId, (input, version) =>
    apiRequest<UserView>(`${userPath(userId)}/grants`, { method: 'POST', body: input, version }),
  );
}

/** Revokes a grant. */
export function useRevokeGrant(userId: string) {
  return useUserWrite<{ grantId: string }>(userId, (input, version) =>
    apiRequest<UserView>(`${userPath(userId)}/grants/${encodeURIComponent(input.grantId)}`, { method: 'DELETE', version }),
  );
}

/** Sets a new password for a user. */
export function useResetPassword(userId: string) {
  return useUserWrite<{ new_password: string }>(userId, (input, version) =>
    apiRequest<UserView | undefined>(`${userPath(userId)}/password`, { method: 'POST', body: input, version }),
  );
}
