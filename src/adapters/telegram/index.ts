export { startTelegram, type TelegramHandle, type TelegramOptions, type WebhookHandler } from './telegram.ts';
export { TelegramChannel, TELEGRAM_CAPABILITIES, replyTarget, parseReplyTarget, toPlatformError } from './channel.ts';
export { createMemoryFollowUps, createRedisFollowUps, type FollowUpStore } from './follow-ups.ts';
export { toMapped, stripBotMention, type Mapped, type TelegramChat, type BotIdentity } from './map.ts';
