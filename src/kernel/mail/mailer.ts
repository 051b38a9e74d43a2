import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: features that need mail say so. */
  enabled: boolean;
  send(msg: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from: string, tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean }): Mailer {
  if (!smtpUrl) {
    return {
      enabled: false,
      send: async () => {
        throw new Error('SMTP is not configured (HEARTH_SMTP_URL)');
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl, {
    from,
    ...(tls ? { tls } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as object);
  return {
    enabled: true,
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text });
    },
    close: () => transport.close(),
  };
}
