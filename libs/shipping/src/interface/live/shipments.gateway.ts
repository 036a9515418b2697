import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokenVerifier, assertPermitted, onTokenExpiry, ProblemException, TOKEN_EXPIRED_NOTICE } from '@shipcrowd/platform';
import { ShipmentLiveFeed } from '../../infrastructure/live/shipment-live-feed';

export const LIVE_NAMESPACE = '/shipments';
export const companyRoom = (companyId: string) => `company:${companyId}`;

/** Emitted just before the server disconnects a socket whose access token ran out: reconnect with a fresh one. */
export const TOKEN_EXPIRED_EVENT = 'auth.token_expired';

interface SocketData {
  companyId: string;
  expiresAt: Date | null;
  cancelExpiry?: () => void;
}

type LiveSocket = Socket<Record<string, never>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>;

/**
 * Socket.IO namespace /shipments: live shipment events for sellers. The handshake carries the same access JWT as the
 * HTTP API (`auth: { token }`, or an `Authorization: Bearer` header) and needs shipments.read; a refused handshake gets
 * a connect_error whose message says why and whose `data` holds the problem code. Each socket joins its company's room
 * and receives `(eventType, payload, { eventId, occurredAt, position })` for that company's events only. The socket is closed
 * when its token expires.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ShipmentsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('shipping-live');
  /** Per company served by this process: sockets connected and how to stop its feed listener. */
  private readonly companies = new Map<string, { sockets: number; stop: () => void }>();

  @WebSocketServer() private readonly namespace!: Namespace;

  constructor(
    private readonly accessTokens: AccessTokenVerifier,
    private readonly feed: ShipmentLiveFeed,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.admit(socket as LiveSocket).then(
        () => next(),
        (error: unknown) => {
          if (!(error instanceof ProblemException)) this.logger.error({ err: error }, 'socket handshake failed');
          next(refusal(error));
        },
      );
    });
  }

  handleConnection(socket: LiveSocket): void {
    const { companyId, expiresAt } = socket.data;
    void socket.join(companyRoom(companyId));
    const served = this.companies.get(companyId);
    if (served) served.sockets += 1;
    else this.companies.set(companyId, { sockets: 1, stop: this.forwardToRoom(companyId) });
    socket.data.cancelExpiry = onTokenExpiry(expiresAt, () => {
      socket.emit(TOKEN_EXPIRED_EVENT, TOKEN_EXPIRED_NOTICE);
      socket.disconnect(true);
    });
  }

  handleDisconnect(socket: LiveSocket): void {
    socket.data.cancelExpiry?.();
    const served = this.companies.get(socket.data.companyId);
    if (!served) return;
    served.sockets -= 1;
    if (served.sockets > 0) return;
    served.stop();
    this.companies.delete(socket.data.companyId);
  }

  /** One feed listener per company and process; `local`: each process forwards only what its own feed received. */
  private forwardToRoom(companyId: string): () => void {
    const room = companyRoom(companyId);
    return this.feed.listen(companyId, (event) => this.namespace.local.to(room).emit(event.type, event.payload, { eventId: event.eventId, occurredAt: event.occurredAt, position: event.position ?? null }));
  }

  /** Authenticates the handshake and makes sure the feed is subscribed before the client hears it is connected. */
  private async admit(socket: LiveSocket): Promise<void> {
    const token = handshakeToken(socket);
    if (!token) throw new ProblemException(401, 'auth.unauthenticated', 'Send the access token as auth.token or an Authorization: Bearer header.');
    const { principal, expiresAt } = await this.accessTokens.verify(token);
    assertPermitted(principal, ['shipments.read']);
    try {
      await this.feed.connect();
    } catch (error) {
      this.logger.warn({ err: error }, 'live feed unavailable for a socket handshake');
      throw new ProblemException(503, 'shipping.live_unavailable', 'Live updates are unavailable right now; try again shortly.');
    }
    socket.data = { companyId: principal.companyId!, expiresAt };
  }
}

function handshakeToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const [scheme, token] = (socket.handshake.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/** The error socket.io sends as connect_error: message plus `data` with the problem code and status. */
function refusal(error: unknown): Error {
  if (error instanceof ProblemException) return Object.assign(new Error(error.message), { data: { code: error.code, status: error.getStatus() } });
  return Object.assign(new Error('The connection could not be set up.'), { data: { code: 'internal_error', status: 500 } });
}
