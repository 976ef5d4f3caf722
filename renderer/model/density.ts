/** The grid's density as the user chooses it (renderer/terminals/density.ts says what each means). */
export type Density = 'auto' | 'comfortable' | 'compact';
export type PaneDensity = Exclude<Density, 'auto'>;

export const DENSITIES: readonly Density[] = ['auto', 'comfortable', 'compact'];

export function isDensity(value: unknown): value is Density {
  return typeof value === 'string' && (DENSITIES as readonly string[]).includes(value);
}
