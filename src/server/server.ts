import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createContext } from './bootstrap.ts';
import type { Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import type { AppContext } from './context.ts';
import { buildApp } from './http/app.ts';
import { ensureSetupToken, setupUrl } from './modules/auth/setup.service.ts';
import { registerCoreJobs } from './modules/jobs/core-jobs.ts';

export interface StartServerOptions {
  /** The clock; tests inject a ManualClock. */
  clock?: Clock;
  /** The logger; defaults to JSON lines on stderr at the configured level. */
  logger?: Logger;
  /** Close the server on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  /** Where the first-run notice goes (default: stderr). */
  notice?: (text: string) => void;
}

/** A listening server. */
export interface RunningServer {
  /** Where this server listens, e.g. `https://127.0.0.1:8443`. */
  url: string;
  ctx: AppContext;
  /** Stops accepting requests, waits for running ones, then stops the jobs and closes the database. */
  close(): Promise<void>;
}

/** Reads the PEM files of built-in HTTPS; an unreadable file is a configuration error. */
export function readTlsFiles(tls: NonNullable<Config['tls']>): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError(`Cannot read the TLS ${what} ${file} (PATCHWERK_TLS_${what === 'certificate' ? 'CERT' : 'KEY'}): ${(error as Error).message}`);
    }
  };
  return { cert: read(tls.certPath, 'certificate'), key: read(tls.keyPath, 'key') };
}

/** The URL a listening address is reachable at (wildcard addresses become localhost). */
export function listenUrl(address: AddressInfo, https: boolean): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${https ? 'https' : 'http'}://${host}:${address.port}`;
}

/** The first-run notice: German and English, with the one-time setup link and the CLI alternative. */
export function setupNotice(link: string): string {
  const rule = '='.repeat(72);
  return [
    '',
    rule,
    'Patchwerk ist noch nicht eingerichtet / Patchwerk is not set up yet.',
    '',
    'Einmal-Link zum Anlegen des ersten Administrators öffnen /',
    'open this one-time link to create the first administrator:',
    '',
    `    ${link}`,
    '',
    'Alternativ auf der Kommandozeile / alternatively on the command line:',
    '    patchwerk users add --username NAME --role admin --password-stdin',
    '(Passwort als erste Zeile auf stdin / password as the first line on stdin)',
    rule,
    '',
  ].join('\n');
}

/**
 * Starts Patchwerk: opens and migrates the database, builds the HTTP app (HTTPS when configured),
 * registers and starts the jobs, listens, and prints the setup link while no user exists.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const https = config.tls ? readTlsFiles(config.tls) : null;
  const handle = await createContext(config, { clock: options.clock, logger: options.logger, migrate: true });
  const { ctx } = handle;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    app = await buildApp(ctx, { https });
    await registerCoreJobs(ctx);
    await ctx.jobs.start();
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await handle.close();
    throw error;
  }
  const listening = app;
  const url = listenUrl(listening.server.address() as AddressInfo, https !== null);

  let closing: Promise<void> | null = null;
  // close() removes these handlers first, so a second signal during shutdown ends the process at once.
  const onSignal = (signal: NodeJS.Signals): void => {
    ctx.logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      try {
        await listening.close();
      } finally {
        await handle.close();
      }
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  try {
    const token = await ensureSetupToken(ctx);
    const notice = options.notice ?? ((text: string) => void process.stderr.write(text));
    // With PORT=0 the default public URL names port 0; the link must name the port actually bound.
    const address = listening.server.address() as AddressInfo;
    const publicUrl = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${address.port}`) : config.publicUrl;
    if (token) notice(setupNotice(setupUrl({ publicUrl }, token)));
  } catch (error) {
    await close();
    throw error;
  }
  return { url, ctx, close };
}
