/** Change signal (ChangeSignals) sent after a company's billing details commit; the subject is the company id. */
export const BILLING_CHANGED = 'companies.billing';
