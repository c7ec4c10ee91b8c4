import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e and contract tests start real servers and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // In-process SDK clients would print the Node 22 notice on every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
