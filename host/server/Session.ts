import { HttpError } from './HttpError.js';

/**
 * Who is signed in on this register. One register, one cashier at a time, as on a real till;
 * the host keeps it in memory (a restart signs out).
 */
export class Session {
  private operator: string | null = null;
  private signIns = 0;

  constructor(private readonly operators: Readonly<Record<string, string>>) {}

  get operatorId(): string | null {
    return this.operator;
  }

  /** Returns whether this is the register's first sign-in since the host started. */
  signIn(operatorId: unknown, password: unknown): { operatorId: string; firstSignIn: boolean } {
    if (typeof operatorId !== 'string' || typeof password !== 'string' || this.operators[operatorId] !== password) {
      throw new HttpError(401, 'InvalidCredentials', 'Operator id or password is wrong.');
    }
    this.operator = operatorId;
    this.signIns += 1;
    return { operatorId, firstSignIn: this.signIns === 1 };
  }

  signOut(): void {
    this.operator = null;
  }

  requireOperator(): string {
    if (this.operator === null) throw new HttpError(401, 'NotSignedIn', 'Sign in first.');
    return this.operator;
  }
}
