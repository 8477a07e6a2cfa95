import type { NewTicket } from '../../src/tickets/types.ts';

export const TOKEN = 'test-token-0123456789abcdef';
export const auth = { authorization: `Bearer ${TOKEN}` };

/** A phone call as an operator would post it. */
export function phoneCall(overrides: Record<string, unknown> = {}, fields: Partial<NewTicket['fields']> = {}): Record<string, unknown> {
  return {
    fields: {
      name: '陈女士',
      phone: '139 1234 6721',
      employer: '某餐饮公司',
      district: '南岸区',
      description: '工作中烫伤，单位不给报销医药费',
      ...fields,
    },
    category: 'rights',
    requestType: 'assistance',
    priority: 'high',
    ...overrides,
  };
}
