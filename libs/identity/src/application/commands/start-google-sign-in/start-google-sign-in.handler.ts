import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityErrors } from '../../../domain';
import { GoogleOAuth } from '../../ports';
import { GoogleSignInStarted, StartGoogleSignIn } from './start-google-sign-in.command';

@CommandHandler(StartGoogleSignIn)
export class StartGoogleSignInHandler implements ICommandHandler<StartGoogleSignIn, GoogleSignInStarted> {
  constructor(private readonly google: GoogleOAuth) {}

  execute(): Promise<GoogleSignInStarted> {
    if (!this.google.enabled) throw IdentityErrors.googleDisabled();
    return this.google.start();
  }
}
