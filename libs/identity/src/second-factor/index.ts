export { SecondFactorModule } from './second-factor.module';
export { SecondFactorService } from './application/second-factor.service';
export type { SecondFactorMethod } from './application/second-factor.service';
export { CaptchaVerifier } from './application/captcha-verifier';
