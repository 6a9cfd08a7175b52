/** Where the console lives: '/console' under `sqlup serve` (vite.config.ts `base`). */
export const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, '');
