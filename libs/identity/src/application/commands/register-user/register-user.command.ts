import { Command } from '@nestjs/cqrs';
import type { ClientInfo } from '../../services/client-info';
import type { TokenPair } from '../../services/session-tokens';
import type { UserResponse } from '../../services/user-view';

export interface RegisterUserInput {
  name: string;
  email: string;
  password: string;
  phone: string;
  companyName?: string;
  invitationToken?: string;
  captchaToken?: string;
}

export type RegisterUserResult = TokenPair & { user: UserResponse; companyId: string };

export class RegisterUser extends Command<RegisterUserResult> {
  constructor(
    readonly input: RegisterUserInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
