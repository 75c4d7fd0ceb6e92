/** Amounts are decimals in the store currency; every computed amount is rounded to cents once. */
export const roundMoney = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

export const sumMoney = (values: readonly number[]): number => roundMoney(values.reduce((a, b) => a + b, 0));
