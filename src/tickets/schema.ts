import { bigint, bigserial, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { TranscriptLine } from './types.ts';

/**
 * drizzle table definitions for the ticket store. The SQL that creates them is written by hand
 * in src/db/migrations/0001_tickets.sql, so PGlite and PostgreSQL run the same reviewed DDL;
 * these definitions only type the queries and must match it.
 */

/** One row per Shanghai calendar day: the last sequence number handed out that day. */
export const ticketCounters = pgTable('ticket_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const tickets = pgTable('tickets', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  number: text('number').notNull().unique(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  status: text('status').notNull(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  employer: text('employer').notNull(),
  district: text('district').notNull(),
  description: text('description').notNull(),
  category: text('category').notNull(),
  requestType: text('request_type').notNull(),
  priority: text('priority').notNull(),
  urgent: boolean('urgent').notNull(),
  /** Added by migration 0012_urgent_reason.sql. */
  urgentReason: text('urgent_reason'),
  tier: text('tier').notNull(),
  originPlatform: text('origin_platform').notNull(),
  originChatId: text('origin_chat_id').notNull(),
  originSenderId: text('origin_sender_id').notNull(),
  transcript: jsonb('transcript').$type<TranscriptLine[]>().notNull(),
  assignee: text('assignee'),
  rating: integer('rating'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const ticketAudit = pgTable('ticket_audit', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  fromValue: text('from_value'),
  toValue: text('to_value'),
  detail: text('detail'),
});

export const ticketNotes = pgTable('ticket_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  author: text('author').notNull(),
  text: text('text').notNull(),
});

export type TicketRow = typeof tickets.$inferSelect;
