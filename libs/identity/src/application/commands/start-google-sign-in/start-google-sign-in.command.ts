import { Command } from '@nestjs/cqrs';

export interface GoogleSignInStarted {
  /** Google's consent page; the browser goes there. */
  authorizationUrl: string;
  /** The attempt's state: the caller binds it to the browser (cookie) and it must come back unchanged. */
  state: string;
}

export class StartGoogleSignIn extends Command<GoogleSignInStarted> {}
