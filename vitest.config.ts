import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Ink prints only the last frame when CI is set; unit tests render with ink-testing-library,
    // end-to-end tests strip CI from the child's environment themselves.
    reporters: ['default'],
  },
});
