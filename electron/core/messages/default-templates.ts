import { MessageTemplatesSetting } from '../../../shared/domain/message-templates';
import en from '../../../resources/templates/en.json';
import zhCN from '../../../resources/templates/zh-CN.json';

/** The bundled SMS and letter templates (resources/templates/); a lead edits the team's own. */
export const DEFAULT_MESSAGE_TEMPLATES: MessageTemplatesSetting = MessageTemplatesSetting.parse([...zhCN, ...en]);
