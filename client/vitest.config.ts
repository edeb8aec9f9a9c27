import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'client',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    // Hashing and chunking several MiB in happy-dom took just over the default 5 s on a loaded 2-core CI machine.
    testTimeout: 30_000,
  },
});
