import type { messageRoutes } from '../../../shared/contract/messages';
import { evidencePack } from '../evidence/pack';
import { collectEvidence } from '../evidence/collect';
import type { DeskRuntime, Handlers } from '../runtime';
import { messageOptions, previewMessage } from './compose';
import { gatewayFor, gatewaySetting } from './gateway-config';
import { letterPdf } from './letter-pdf';
import { listMessages, sendMessage } from './send';
import { saveTemplates } from './templates-save';

export const messageHandlers = (rt: DeskRuntime): Handlers<keyof typeof messageRoutes> => ({
  'message.options': (i) => messageOptions(rt.core.ctx, i),
  'message.preview': (i) => previewMessage(rt.core.ctx, i, rt.core.today()),
  'message.send': (i) => sendMessage(rt.core.ctx, gatewayFor(rt.core.ctx, rt.fetch), i, rt.core.today()),
  'message.list': (i) => listMessages(rt.core.ctx, i),
  'message.letterPdf': (i) => letterPdf(rt.core.ctx, i, rt.core.today()),
  'message.saveTemplates': (i) => saveTemplates(rt, i),
  'message.gateway': (i) => gatewaySetting(rt.core.ctx, i),
  'evidence.check': (i) => collectEvidence(rt.core.ctx, i.caseId).records.evidence,
  'evidence.pack': async (i) => {
    const f = await evidencePack(rt.core.ctx, i.caseId, i.format);
    return { fileName: f.fileName, mime: f.mime, base64: f.data.toString('base64') };
  },
});
