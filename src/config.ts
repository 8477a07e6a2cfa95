import { z } from 'zod';
import { AppError } from './errors.ts';
import { isTimeZone } from './core/time.ts';

/**
 * Configuration is read once, here, from the environment. Empty strings count as unset, every
 * problem is reported at once, and the result is frozen. Nothing else reads process.env.
 */

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z.string().transform((v) => v.split(/[,，]/).map((s) => s.trim()).filter(Boolean));
const url = z.url();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().default('127.0.0.1'),
    PORT: int(0, 65535).default(3000),
    DATA_DIR: z.string().default('./data'),
    KB_DIR: z.string().default('./knowledge'),
    /** auto: a terminal chat when stdin is a TTY. */
    TERMINAL_CHAT: z.enum(['auto', 'on', 'off']).default('auto'),
    BOT_NAME: z.string().default('娘家人'),
    /** The zone the console shows and reads times in. */
    TIME_ZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, 'not a time zone name (e.g. Asia/Shanghai)'),

    REDIS_URL: url.optional(),
    DATABASE_URL: url.optional(),
    SESSION_TTL_SECONDS: int(60, 60 * 60 * 24 * 30).default(60 * 60 * 24),
    RATE_LIMIT_MAX: int(1, 10_000).default(12),
    RATE_LIMIT_WINDOW_MS: int(100, 3_600_000).default(10_000),
    GROUP_RATE_LIMIT_MAX: int(1, 10_000).default(40),

    TELEGRAM_BOT_TOKEN: z.string().optional(),
    TELEGRAM_API_ROOT: url.optional(),
    TELEGRAM_WEBHOOK_URL: url.optional(),
    /** Telegram sends it back on every webhook request; 1-256 of A-Z a-z 0-9 _ -. */
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -')
      .optional(),

    WECHATY_PUPPET: z.string().optional(),
    WECHATY_PUPPET_TOKEN: z.string().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
    NIANGJIA_WAKE_WORDS: list.default(['娘家人', '小娘']),

    TELEGRAM_GLOBAL_PER_SECOND: int(1, 1000).default(30),
    TELEGRAM_GROUP_PER_MINUTE: int(1, 1000).default(20),
    WECHAT_SEND_INTERVAL_MS: int(0, 60_000).default(1000),

    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: url.optional(),
    OPENAI_MODEL: z.string().optional(),
    MODEL_TIMEOUT_MS: int(100, 120_000).default(8000),
    MODEL_STRUCTURED_METHOD: z.enum(['jsonSchema', 'functionCalling', 'jsonMode']).default('functionCalling'),

    BACKOFFICE_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    BACKOFFICE_WEBHOOK_URL: url.optional(),
    BACKOFFICE_WEBHOOK_SECRET: z.string().optional(),

    ADMIN_USERNAME: z.string().optional(),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    CONSOLE: bool.default(true),
    /**
     * The reverse proxy in front of the console: "true", a hop count, or its addresses
     * (comma-separated). Its X-Forwarded-Proto and -For are then believed, so the session cookie
     * is Secure behind HTTPS and the login throttle sees the worker's own address.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v): boolean | number | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
    SLA_HOURS: z
      .string()
      .default('一般:72,难点:168,特别复杂:360')
      .transform((v, ctx) => {
        const out: Record<string, number> = {};
        for (const part of v.split(',')) {
          const [tier, hours] = part.split(':');
          const n = Number(hours);
          if (!tier || !Number.isFinite(n) || n <= 0) {
            ctx.addIssue({ code: 'custom', message: `bad tier entry "${part}" (want 一般:72,难点:168,...)` });
            return z.NEVER;
          }
          out[tier.trim()] = n;
        }
        return out;
      }),
  })
  .superRefine((c, ctx) => {
    if (c.BACKOFFICE_WEBHOOK_URL && !c.BACKOFFICE_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['BACKOFFICE_WEBHOOK_SECRET'], message: 'required when BACKOFFICE_WEBHOOK_URL is set' });
    // Without the secret anyone who reaches the port could post forged updates into any chat.
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required when TELEGRAM_WEBHOOK_URL is set' });
    if (c.OPENAI_API_KEY && !c.OPENAI_MODEL)
      ctx.addIssue({ code: 'custom', path: ['OPENAI_MODEL'], message: 'required when OPENAI_API_KEY is set' });
    if (Boolean(c.ADMIN_USERNAME) !== Boolean(c.ADMIN_PASSWORD))
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_USERNAME and ADMIN_PASSWORD go together' });
  });

export type Config = Readonly<z.output<typeof schema>>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape ?? {})) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v.trim();
  }
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, { details: parsed.error.issues });
  }
  return Object.freeze(parsed.data);
}

/** Whether the language-model path is configured. */
export function modelEnabled(c: Config): boolean {
  return Boolean(c.OPENAI_API_KEY && c.OPENAI_MODEL);
}
