/**
 * What the header says about the connection, from the two things that know:
 * the sync socket's own state and whether the browser says it is online.
 * The browser's `offline` event comes at once, while a dead socket can take
 * its timeout to notice; the socket's reconnection decides when we are back.
 */
export type ConnectionStatus = 'connected' | 'connecting' | 'offline';
export type SocketState = 'connected' | 'connecting' | 'disconnected';

export function connectionStatusOf(socket: SocketState, browserOnline: boolean): ConnectionStatus {
  if (!browserOnline) return 'offline';
  if (socket === 'disconnected') return 'offline';
  return socket;
}

/** Awareness of others is only current while connected: otherwise it shows who was there, not who is. */
export const presenceIsLive = (status: ConnectionStatus): boolean => status === 'connected';
