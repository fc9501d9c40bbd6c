import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { ManualClock } from '../../clock.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { deliverOutbox, enqueueNotification } from './outbox.ts';
import { SmtpDeliverer, withTimeouts } from './smtp-deliverer.ts';

const logger = pino({ level: 'silent' });

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEachDialect('SMTP deliverer', (database) => {
  const received: ReceivedMail[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('sends an e-mail outbox message through SMTP with its subject and body', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const id = await database().adapter.writeTransaction(database().db, (trx) =>
      enqueueNotification(trx, clock, {
        channel: 'email',
        recipient: 'quality@example.com',
        subject: 'Acceptance protocol ready for approval',
        body: 'Protocol AP-7 for DM-3 awaits your approval.',
      }),
    );
    const deliverer = new SmtpDeliverer(`smtp://127.0.0.1:${smtpPort}`, 'Patchwerk <patchwerk@example.com>');
    try {
      const result = await deliverOutbox({ db: database().db, adapter: database().adapter, clock, logger }, [deliverer]);
      assert.deepEqual(result, { sent: 1, retried: 0, failed: 0 });
    } finally {
      deliverer.close();
    }
    const mail = received.find((message) => message.to.includes('quality@example.com'));
    assert.ok(mail, 'the SMTP server received the message');
    assert.equal(mail.from, 'patchwerk@example.com');
    assert.match(mail.raw, /^Subject: Acceptance protocol ready for approval$/m);
    assert.match(mail.raw, /Protocol AP-7 for DM-3 awaits your approval\./);
    const row = await database().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
  });

  it('leaves the message pending with the attempt and error recorded when the SMTP server is unreachable', async () => {
    await database().db.deleteFrom('outbox').execute();
    const clock = new ManualClock('2026-11-26T09:00:00.000Z');
    const id = await database().adapter.writeTransaction(database().db, (trx) =>
      enqueueNotification(trx, clock, { channel: 'email', recipient: 'nobody@example.com', subject: 'Unsent', body: 'Unsent' }),
    );
    const deliverer = new SmtpDeliverer(`smtp://127.0.0.1:${await closedPort()}`, 'Patchwerk <patchwerk@example.com>');
    try {
      const result = await deliverOutbox({ db: database().db, adapter: database().adapter, clock, logger }, [deliverer]);
      assert.deepEqual(result, { sent: 0, retried: 1, failed: 0 });
    } finally {
      deliverer.close();
    }
    const row = await database().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /ECONNREFUSED|connect/i);
    assert.ok(row.next_attempt_at > '2026-11-26T09:00:00.000Z');
    assert.ok(!received.some((message) => message.to.includes('nobody@example.com')));
  });
});

describe('SMTP timeouts', () => {
  it('bounds connection, greeting and socket waits unless the URL sets them', () => {
    const url = new URL(withTimeouts('smtp://mail.example.test:25/?socketTimeout=5000'));
    assert.equal(url.searchParams.get('connectionTimeout'), '30000');
    assert.equal(url.searchParams.get('greetingTimeout'), '30000');
    assert.equal(url.searchParams.get('socketTimeout'), '5000');
  });
});
