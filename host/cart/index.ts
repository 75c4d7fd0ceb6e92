export { CartEngine } from './CartEngine.js';
export type { CheckoutResult } from './CartEngine.js';
export { CartError } from './CartError.js';
export type { CartErrorCode } from './CartError.js';
export { registerIdentityOf } from './RegisterIdentity.js';
export type { RegisterIdentity } from './RegisterIdentity.js';
export { roundMoney, sumMoney } from './money.js';
export { settleTenders } from './tenders.js';
