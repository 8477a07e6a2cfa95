import { EventEmitter } from 'node:events';

/** What open console pages hear about without reloading. */
export interface LiveEventMap {
  /** A ticket was filed or changed; `by` is the actor, so a page can ignore its own changes. */
  ticket: [{ number: string; kind: 'filed' | 'status' | 'assigned' | 'reply' | 'note' | 'takeover' | 'handback' | 'worker'; by: string }];
  /** A worker wrote into a conversation an operator has taken over. */
  worker: [{ conversationKey: string; ticketNumber?: string; text: string; at: string }];
}

/** The in-process fan-out behind /events (server-sent events). */
export class LiveHub extends EventEmitter<LiveEventMap> {
  constructor() {
    super();
    // Every open console tab is one listener per event.
    this.setMaxListeners(0);
  }
}
