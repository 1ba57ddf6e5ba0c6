/** "1 assignment", "1,204 assignments"; `many` for plurals not made with an s ("entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
