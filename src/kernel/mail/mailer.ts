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

export interface MailerOptions {
  tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean };
  /** Connect, greeting and idle-socket limits; a stuck server must not hold a job for long. */
  timeoutMs?: { connection?: number; greeting?: number; socket?: number };
}

export function createMailer(smtpUrl: string | undefined, from: string, opts: MailerOptions = {}): Mailer {
  if (!smtpUrl) {
    return {
      enabled: false,
      send: async () => {
        throw new Error('SMTP is not configured (HEARTH_SMTP_URL)');
      },
      close: () => {},
    };
  }
  // Transport options go beside `url` in one object: the second argument of
  // createTransport holds message defaults, where timeouts would be ignored.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: opts.timeoutMs?.connection ?? 10_000,
    greetingTimeout: opts.timeoutMs?.greeting ?? 10_000,
    socketTimeout: opts.timeoutMs?.socket ?? 30_000,
    ...(opts.tls ? { tls: opts.tls } : {}),
  });
  return {
    enabled: true,
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text });
    },
    close: () => transport.close(),
  };
}
