import { Command } from '@nestjs/cqrs';
import type { ClientInfo } from '../../services/client-info';
import type { LogInResult } from '../log-in/log-in.command';

export interface GoogleCallback {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * `nextStep` is 'join_company' when the user belongs to no company yet (new Google users start without one:
 * they accept an invitation, then switch to that company).
 */
export type GoogleSignInResult = LogInResult & { isNewUser: boolean; linked: boolean; nextStep: 'join_company' | null };

export class CompleteGoogleSignIn extends Command<GoogleSignInResult> {
  constructor(
    readonly callback: GoogleCallback,
    /** The state this browser was given when it started (from its cookie); must equal callback.state. */
    readonly boundState: string | null,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
