import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Deliverer, OutboxMessage } from './outbox.ts';

/** Sends `email` outbox messages as plain-text mail through the SMTP server of `smtpUrl`. */
export class SmtpDeliverer implements Deliverer {
  readonly channel = 'email';
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
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
