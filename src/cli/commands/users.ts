import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { AppError } from '../../server/errors/app-error.ts';
import type { GrantInput } from '../../server/modules/users/users.schema.ts';
import { createUser, disableUser, findUserByUsername, listUsers } from '../../server/modules/users/users.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { formatTable, outputFor } from '../output.ts';

interface AddOptions {
  username: string;
  role: string;
  scope: string;
  expires?: string;
  email?: string;
  displayName?: string;
  language?: 'de' | 'en';
  passwordStdin: true;
}

interface GrantLike {
  role: string;
  scope: string;
  expires_at: string | null;
}

/** The first line of a stream without its line break ('' for an empty stream). */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

function describeGrant(grant: GrantLike): string {
  return `${grant.role} (${grant.scope}${grant.expires_at ? `, bis/until ${grant.expires_at}` : ''})`;
}

function presentGrant(grant: GrantLike): GrantLike {
  return { role: grant.role, scope: grant.scope, expires_at: grant.expires_at ?? null };
}

/** `patchwerk users add|list|disable`. */
export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('User accounts');

  users
    .command('add')
    .description('Create a user with one grant; the password is read from the first line of stdin')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--role <role>', 'role of the grant (admin, security_officer, engineering, maintenance, quality, setup, operator, auditor, vendor)')
    .option('--scope <scope>', 'all, site:KEY[,KEY…] or machine:ID[,ID…]', 'all')
    .option('--expires <date>', 'expiry of the grant (YYYY-MM-DD = 00:00 UTC, or an ISO 8601 instant); required for vendors')
    .option('--email <email>', 'e-mail address')
    .option('--display-name <name>', 'name shown in the UI and in protocols')
    .addOption(new Option('--language <language>', 'language of the UI and e-mails').choices(['de', 'en']))
    .requiredOption('--password-stdin', 'read the password from stdin (passwords are never accepted as arguments)')
    .action(async (options: AddOptions, command: Command) => {
      const password = await readFirstLine(process.stdin);
      const user = await withContext((ctx) =>
        createUser(ctx, currentCliActor(), {
          username: options.username,
          password,
          display_name: options.displayName,
          email: options.email,
          language: options.language,
          // Role, scope and expiry are validated by the use case, exactly as for POST /users.
          grants: [{ role: options.role as GrantInput['role'], scope: options.scope, expires_at: options.expires }],
        }),
      );
      const grants = user.grants.map(presentGrant);
      outputFor(command).result({ username: user.username, grants }, () =>
        `Benutzer angelegt / user created: ${user.username} — ${grants.map(describeGrant).join('; ')}`,
      );
    });

  users
    .command('list')
    .description('List all users with their grants')
    .action(async (_options: unknown, command: Command) => {
      const list = await withContext((ctx) => listUsers(ctx, currentCliActor()));
      const rows = list.map((user) => ({
        username: user.username,
        display_name: user.display_name,
        email: user.email,
        disabled: Boolean(user.disabled),
        grants: user.grants.map(presentGrant),
      }));
      outputFor(command).result(rows, () =>
        formatTable(
          ['username', 'display_name', 'email', 'disabled', 'grants'],
          rows.map((user) => [user.username, user.display_name ?? '', user.email ?? '', user.disabled ? 'yes' : 'no', user.grants.map(describeGrant).join('; ')]),
        ),
      );
    });

  users
    .command('disable')
    .description('Disable a user: sessions end, tokens stop working, history stays')
    .argument('<username>', 'login name')
    .action(async (username: string, _options: unknown, command: Command) => {
      await withContext(async (ctx) => {
        const user = await findUserByUsername(ctx, username);
        if (!user) throw new AppError('NOT_FOUND');
        await disableUser(ctx, currentCliActor(), user.id, null);
      });
      outputFor(command).result({ username, disabled: true }, () => `Benutzer deaktiviert / user disabled: ${username}`);
    });
}
