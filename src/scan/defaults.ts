/** Default IAM role assumed in each account with --accounts or --org. */
export const DEFAULT_ROLE_NAME = 'rpguard-audit';
