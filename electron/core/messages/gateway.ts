/**
 * Where an outbound message goes (issue 11). The default gateway records the message and sends
 * nothing (the agent sends from the team's own system, or the letter is printed); an HTTP gateway
 * (gateway-http.ts) hands SMS to a provider. Letters are always recorded: they go out on paper.
 */
export interface OutboundMessage {
  id: string;
  channel: 'sms' | 'letter';
  /** The full number or address (never logged). */
  destination: string;
  subject: string;
  content: string;
  templateId: string;
}

export type GatewayResult =
  | { status: 'recorded' | 'sent'; ref: string | null; error: null }
  | { status: 'failed'; ref: null; error: string };

export interface MessageGateway {
  /** Stored with each message: which gateway took it. */
  readonly name: string;
  send(m: OutboundMessage): Promise<GatewayResult>;
}

export const recordOnlyGateway: MessageGateway = {
  name: 'record',
  send: () => Promise.resolve({ status: 'recorded', ref: null, error: null }),
};
