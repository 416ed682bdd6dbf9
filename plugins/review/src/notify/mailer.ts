import nodemailer, { type Transporter } from 'nodemailer';

/** SMTP settings from the plugin config (`smtp`). */
export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Sender, e.g. `"德州市公共数据开放网" <noreply@example.gov.cn>`. */
  from: string;
  /** Accept a self-signed certificate (test and intranet relays only). */
  allowSelfSigned?: boolean;
}

export interface OutboundMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends notices over SMTP with nodemailer; one pooled transport per node. */
export class Mailer {
  readonly #transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.#transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      ...(options.auth ? { auth: options.auth } : {}),
      pool: true,
      // A relay that hangs must fail the job (and so retry it), not block the worker forever.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: { rejectUnauthorized: !options.allowSelfSigned },
    });
  }

  async send(mail: OutboundMail): Promise<void> {
    await this.#transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  }

  close(): void {
    this.#transport.close();
  }
}
