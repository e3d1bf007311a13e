/**
 * Erlang's loss formula B(c, a): the blocking probability of an M/G/c/c system with offered load
 * a = arrival rate x mean service time (A. K. Erlang, 1917), by the stable recurrence
 * B(0, a) = 1, B(k, a) = a B(k-1, a) / (k + a B(k-1, a)).
 * @example erlangB(5, 4) // 0.19907...
 */
export function erlangB(servers: number, offeredLoad: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}
