import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseIndianMobile, UserRepository } from '../../../domain';
import { UpdateProfile } from './update-profile.command';

@CommandHandler(UpdateProfile)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfile, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, changes }: UpdateProfile): Promise<void> {
    let phone: string | undefined;
    if (changes.phone !== undefined) {
      phone = normaliseIndianMobile(changes.phone) ?? undefined;
      if (!phone) throw IdentityErrors.invalidPhone();
    }
    await this.uow.run({ userId }, async () => {
      const user = await this.users.findById(userId);
      if (!user) throw IdentityErrors.userNotFound();
      user.updateProfile({ name: changes.name?.trim(), phone }, this.clock.now());
      await this.users.save(user);
    });
  }
}
