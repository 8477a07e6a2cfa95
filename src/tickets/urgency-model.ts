import { featuresOf, predict, shippedModel, type Head } from '../intents/classifier.ts';
import { normalizeText } from '../intents/normalize.ts';
import type { UrgentReason } from './urgency.ts';

/**
 * The learned half of urgency: softmax regression over the character n-grams of the worker's account,
 * one label per rule of ./urgency.ts (injury, hospital, group_wages, festival_wages, no_money, disaster)
 * and none, trained by scripts/train-urgency.ts on accounts labelled by those rules. The written rules
 * miss a crew told in words no pattern lists and take a healed injury for a fresh one; the model reads
 * how such accounts are told. It overrules the rules only when it is sure: how sure is chosen by
 * five-fold cross-validation on the train part, the frozen part only measured.
 */
export interface UrgencyModel {
  head: Head;
  /** At or above this probability of some rule, an account the rules pass over is urgent. */
  upP: number;
  /** At or below it, an account the rules call urgent is not. */
  downP: number;
}

export const URGENCY_LABELS = ['none', 'injury', 'hospital', 'group_wages', 'festival_wages', 'no_money', 'disaster'] as const;

export function urgencyFeatures(account: string): string[] {
  return featuresOf(normalizeText(account));
}

const shipped = shippedModel<UrgencyModel>(new URL('./urgency-model.json', import.meta.url));

/** Replaces the shipped model (undefined: the written rules alone), for the script that trains it. */
export function useUrgencyModel(m: UrgencyModel | undefined): void {
  shipped.use(m);
}

/** The model's reading: how likely some rule holds, the rule it finds likeliest, and the model's thresholds. */
export function learnedUrgency(account: string): { urgentP: number; reason: UrgentReason; upP: number; downP: number } | undefined {
  const m = shipped.get();
  if (!m || !account.trim()) return undefined;
  const p = predict(m.head, urgencyFeatures(account));
  let reason: UrgentReason = 'injury';
  for (const label of URGENCY_LABELS) if (label !== 'none' && (p[label] ?? 0) > (p[reason] ?? 0)) reason = label;
  return { urgentP: 1 - (p.none ?? 0), reason, upP: m.upP, downP: m.downP };
}
