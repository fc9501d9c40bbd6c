import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Deliverer, OutboxMessage } from './outbox.ts';

/** The SMTP URL with connection, greeting and socket timeouts unless it sets its own. */
export function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults = { connectionTimeout: '30000', greetingTimeout: '30000', socketTimeout: '60000' };
  for (const [name, value] of Object.entries(defaults)) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.toString();
}

/** Sends `email` outbox messages as plain-text mail through the SMTP server of `smtpUrl`. */
export class SmtpDeliverer implements Deliverer {
  readonly channel = 'email';
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Bounded waits, so one unresponsive mail server cannot stall a delivery pass for minutes.
    this.transport = createTransport(withTimeouts(smtpUrl));
  }

  async deliver(message: OutboxMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.recipient, subject: message.subject, text: message.body });
  }

  /** Closes pooled connections, if the URL asked for a pool. */
  close(): void {
    this.transport.close();
  }
}

/**
 * The deliverers the configuration enables. Without PATCHWERK_SMTP_URL there is no e-mail
 * deliverer: e-mail stays queued in the outbox, and this logs one warning saying so.
 */
export function configuredDeliverers(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, logger: Logger): Deliverer[] {
  if (!config.smtpUrl) {
    logger.warn('PATCHWERK_SMTP_URL is not set: e-mail notifications stay queued in the outbox until it is');
    return [];
  }
  return [new SmtpDeliverer(config.smtpUrl, config.smtpFrom)];
}
