import { describe, expect, it } from 'vitest';
import { scenarioSchema, type Inject } from '../../src/eval/dataset.ts';
import { judgeScenario, nextUserText } from '../../src/eval/scenarios.ts';

const scenario = scenarioSchema.parse({
  id: 's1',
  opening: '老板拖欠工资',
  profile: { name: '李强', phone: '139 8345 6721', employer: '鑫达厂', district: '九龙坡区', description: '欠薪三个月' },
  expect: { category: 'rights', urgent: true, fields: { phone: '13983456721', district: '九龙坡区' } },
  inject: [
    { after_turn: 1, text: '电话说错了 是13983456721' },
    { after_slot: 'employer', text: '算了不弄了' },
  ],
});

describe('nextUserText (the README harness steps)', () => {
  it('sends the after_turn inject right after the bot reply of that number, once', () => {
    const pending: Inject[] = [...scenario.inject];
    expect(nextUserText(scenario, pending, 1, 'name')).toBe('电话说错了 是13983456721');
    expect(nextUserText(scenario, pending, 2, 'name')).toBe('李强');
  });

  it('sends the after_slot inject instead of the profile value when that field is asked for', () => {
    const pending: Inject[] = [...scenario.inject];
    expect(nextUserText(scenario, pending, 3, 'employer')).toBe('算了不弄了');
    expect(nextUserText(scenario, pending, 4, 'employer')).toBe('鑫达厂');
  });

  it('answers a field with the profile value, a confirmation with 确认, and stops on null', () => {
    expect(nextUserText(scenario, [], 2, 'phone')).toBe('139 8345 6721');
    expect(nextUserText(scenario, [], 5, 'confirm')).toBe('确认');
    expect(nextUserText(scenario, [], 6, null)).toBeUndefined();
  });
});

describe('judgeScenario (the README pass rule)', () => {
  const ticket = { number: '12351-20261122-0001', category: 'rights', urgent: true, fields: { phone: '13983456721', district: '重庆市九龙坡区', name: '李强' } };

  it('passes a ticket with the expected category, urgency and fields', () => {
    expect(judgeScenario(scenario, { cancelled: false, ticket })).toEqual([]);
  });

  it('names each mismatch', () => {
    const problems = judgeScenario(scenario, { cancelled: false, ticket: { ...ticket, urgent: false, fields: { ...ticket.fields, phone: '13900000000' } } });
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).toMatch(/urgent false/);
    expect(problems.join(' ')).toMatch(/phone/);
  });

  it('fails without a ticket', () => {
    expect(judgeScenario(scenario, { cancelled: false, ticket: null })).toEqual(['no ticket filed']);
  });

  it('passes a cancellation only when nothing was filed and the form was cancelled', () => {
    const cancel = scenarioSchema.parse({ ...scenario, expect: { cancelled: true } });
    expect(judgeScenario(cancel, { cancelled: true, ticket: null })).toEqual([]);
    expect(judgeScenario(cancel, { cancelled: false, ticket: null })).toEqual(['not cancelled']);
    expect(judgeScenario(cancel, { cancelled: false, ticket })).toContain('ticket 12351-20261122-0001 filed');
  });
});
