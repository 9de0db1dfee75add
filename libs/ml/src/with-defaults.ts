/** `defaults` overridden by the options `given` sets; options given as undefined keep their default (a plain spread would not). */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> = {}): T {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...defaults, ...defined };
}
