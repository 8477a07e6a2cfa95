/** One error root for the whole service, with a closed set of codes and the cause kept. */

export const ERROR_CODES = [
  'CONFIG_INVALID',
  'KB_INVALID',
  'STORE_UNAVAILABLE',
  'LOCK_TIMEOUT',
  'TICKET_NOT_FOUND',
  'INVALID_TRANSITION',
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PLATFORM_API_ERROR',
  'PLATFORM_NETWORK_ERROR',
  'LLM_UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
  readonly details: unknown;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', message, { cause: err });
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  CONFIG_INVALID: 500,
  KB_INVALID: 500,
  STORE_UNAVAILABLE: 503,
  LOCK_TIMEOUT: 503,
  TICKET_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PLATFORM_API_ERROR: 502,
  PLATFORM_NETWORK_ERROR: 502,
  LLM_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

const USER_MESSAGE: Record<ErrorCode, string> = {
  CONFIG_INVALID: '服务配置有误，暂时无法答复。急事请拨打职工服务热线 12351。',
  KB_INVALID: '政策资料正在维护，暂时无法答复。急事请拨打职工服务热线 12351。',
  STORE_UNAVAILABLE: '系统有点忙，请稍后再发一次。急事请拨打职工服务热线 12351。',
  LOCK_TIMEOUT: '上一条消息还在处理，请稍等几秒再发。',
  TICKET_NOT_FOUND: '没有查到您名下的这个工单，请核对工单号，或拨打 12351 查询。',
  INVALID_TRANSITION: '这个工单当前状态下不能这样操作。',
  VALIDATION: '内容格式不对，请检查后再试。',
  UNAUTHORIZED: '请先登录。',
  FORBIDDEN: '您没有权限做这个操作。',
  PLATFORM_API_ERROR: '消息发送失败，我们会稍后重试。',
  PLATFORM_NETWORK_ERROR: '网络不稳定，消息稍后会重发。',
  LLM_UNAVAILABLE: '智能问答暂时不可用，已改用政策库直接答复。',
  RATE_LIMITED: '您发得太快了，请稍等一会儿再发。',
  INTERNAL: '抱歉，出了点问题。请再发一次，或直接拨打职工服务热线 12351。',
};

export function userMessageFor(code: ErrorCode): string {
  return USER_MESSAGE[code];
}
