/** The part of node-nlp's NlpManager the bench uses (the package ships no types). */
declare module 'node-nlp' {
  export class NlpManager {
    constructor(settings?: { languages?: string[]; forceNER?: boolean; autoSave?: boolean; nlu?: { log?: boolean } });
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<{ intent?: string; score?: number }>;
  }
}
