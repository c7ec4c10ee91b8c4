/**
 * Who a request acts as. Plain credentials belong to the scenario's caller account; AssumeRole
 * issues access keys that encode the target account (`ASIA` + 12 digits + 4 characters), so
 * later calls with them act in that account even across emulator restarts.
 */
import { randomBytes } from 'node:crypto';

/** The caller behind an access key. */
export interface Identity {
  accessKeyId: string;
  accountId: string;
  /** Set for assumed-role sessions. */
  role?: { roleName: string; sessionName: string; roleId: string };
}

/** Temporary credentials as STS AssumeRole returns them. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

const ASSUMED_KEY = /^ASIA(\d{12})[A-Z0-9]{4}$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const randomChars = (n: number): string =>
  [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length] ?? 'A').join('');

/** Maps access keys to identities and issues assumed-role sessions. */
export class IdentityRegistry {
  private readonly sessions = new Map<string, Identity>();

  constructor(
    private readonly defaultAccountId: string,
    private readonly isKnownAccount: (accountId: string) => boolean,
  ) {}

  /** The identity an access key acts as. */
  resolve(accessKeyId: string | undefined): Identity {
    const key = accessKeyId ?? 'anonymous';
    const session = this.sessions.get(key);
    if (session) return session;
    const account = ASSUMED_KEY.exec(key)?.[1];
    if (account && this.isKnownAccount(account)) return { accessKeyId: key, accountId: account };
    return { accessKeyId: key, accountId: this.defaultAccountId };
  }

  /** Starts an assumed-role session in `accountId` and returns its credentials. */
  issue(
    accountId: string,
    roleName: string,
    sessionName: string,
    durationSeconds: number,
  ): IssuedCredentials {
    const accessKeyId = `ASIA${accountId}${randomChars(4)}`;
    const roleId = `AROA${randomChars(17)}`;
    this.sessions.set(accessKeyId, { accessKeyId, accountId, role: { roleName, sessionName, roleId } });
    return {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(Date.now() + durationSeconds * 1000),
    };
  }
}
