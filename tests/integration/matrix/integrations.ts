import type { MatrixFixtures } from './types';
import { uid } from '../../support/factories';
import type { DbHandle } from '@/lib/server/db';

// A global unicast address literal: passes the outgoing-HTTP rules without a DNS lookup;
// nothing is sent during the matrix (the job engine does not run there).
const PUBLIC_URL = 'https://8.8.8.8/relm-hook';

async function endpoint(h: DbHandle) {
  return h.prisma.webhookEndpoint.create({
    data: { url: PUBLIC_URL, description: `ep-${uid()}`, events: ['release.deployed'], secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=' },
  });
}

async function channel(h: DbHandle) {
  return h.prisma.chatChannel.create({ data: { kind: 'slack', name: `#c-${uid()}`, url: PUBLIC_URL, events: ['release.deployed'] } });
}

export const integrations: MatrixFixtures = {
  module: 'integrations.ts',
  load: () => import('@/lib/server/integrations'),
  mutations: {
    'webhook.create': {
      permission: 'integration.manage',
      validInput: async () => ({ url: PUBLIC_URL, description: `hook ${uid()}`, events: ['release.deployed', 'deployment.failed'] }),
    },
    'webhook.update': {
      permission: 'integration.manage',
      validInput: async (h) => ({ id: (await endpoint(h)).id, description: `renamed ${uid()}`, enabled: false }),
    },
    'webhook.delete': {
      permission: 'integration.manage',
      validInput: async (h) => ({ id: (await endpoint(h)).id }),
    },
    'delivery.redeliver': {
      permission: 'integration.manage',
      validInput: async (h) => {
        const ep = await endpoint(h);
        const d = await h.prisma.delivery.create({
          data: {
            channel: 'webhook',
            event: 'release.deployed',
            dedupeKey: `matrix-${uid()}`,
            recipient: ep.description,
            payload: { id: `msg_${uid()}`, type: 'release.deployed', timestamp: new Date().toISOString(), data: {} },
            status: 'failed',
            webhookEndpointId: ep.id,
          },
        });
        return { deliveryId: d.id };
      },
    },
    'chat_channel.create': {
      permission: 'integration.manage',
      validInput: async () => ({ kind: 'teams', teamId: '', name: `#releases-${uid()}`, url: PUBLIC_URL, events: ['approval.requested'] }),
    },
    'chat_channel.update': {
      permission: 'integration.manage',
      validInput: async (h) => ({ id: (await channel(h)).id, name: `#renamed-${uid()}` }),
    },
    'chat_channel.delete': {
      permission: 'integration.manage',
      validInput: async (h) => ({ id: (await channel(h)).id }),
    },
  },
};
