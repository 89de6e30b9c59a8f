import type { EventName, EventPayload } from '../../../shared/contract';

type Listener = (payload: unknown) => void;

/** The desk's in-process events; a throwing listener never breaks the core or other listeners. */
export class DeskEvents {
  private readonly listeners = new Map<EventName, Set<Listener>>();
  constructor(private readonly onListenerError: (event: EventName, err: unknown) => void = () => {}) {}

  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const l = cb as Listener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        l(payload);
      } catch (err) {
        this.onListenerError(event, err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
