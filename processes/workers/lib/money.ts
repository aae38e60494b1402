/** Money (numeric(18,2) in the records API) added exactly, to the cent. Not a worker module. */
export function sumMoney(amounts: readonly unknown[]): number {
  return amounts.reduce<number>((cents, a) => cents + Math.round(Number(a ?? 0) * 100), 0) / 100;
}
