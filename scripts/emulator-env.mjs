// The environment the demo and the benchmark give the CLI: fake credentials that only the
// emulator accepts, none of the user's own AWS settings, and no instance-metadata lookups, so
// nothing ever leaves 127.0.0.1.
export function emulatorEnv(name) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AWS_')) delete env[key];
  return Object.assign(env, {
    AWS_ACCESS_KEY_ID: `AKIA${name.toUpperCase().padEnd(16, '0').slice(0, 16)}`,
    AWS_SECRET_ACCESS_KEY: `${name}-secret-not-real`,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}
