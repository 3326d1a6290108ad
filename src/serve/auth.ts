/**
 * Accounts: passwords hashed with scrypt (memory-hard, node:crypto), sessions as
 * random tokens whose SHA-256 is stored (a stolen database yields no session).
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { now, type Db, type UserRow } from './db.js';

/** N = 2^15, r = 8: 32 MiB of memory per hash */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEYLEN = 32;
export const SESSION_DAYS = 14;

function scrypt(pw: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(pw, salt, keylen, opts, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pw.normalize('NFC'), salt, KEYLEN, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([^$]+)\$([^$]+)$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const want = Buffer.from(m[5], 'base64');
  const got = await scrypt(pw.normalize('NFC'), Buffer.from(m[4], 'base64'), want.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return got.length === want.length && timingSafeEqual(got, want);
}

export function validUserName(name: string): boolean {
  return /^[\p{L}\p{N}._-]{2,64}$/u.test(name);
}

export async function addUser(db: Db, name: string, password: string, admin = false): Promise<UserRow> {
  if (!validUserName(name)) throw new Error('tên người dùng: 2–64 chữ, số, dấu chấm, gạch nối hoặc gạch dưới');
  if (password.length < 10) throw new Error('mật khẩu phải có ít nhất 10 ký tự');
  const pw_hash = await hashPassword(password);
  const existing = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  if (existing) {
    await db.updateTable('users').set({ pw_hash, admin: admin ? 1 : existing.admin }).where('id', '=', existing.id).execute();
    await db.deleteFrom('sessions').where('user_id', '=', existing.id).execute();
    return { ...existing, pw_hash, admin: admin ? 1 : existing.admin };
  }
  const row: UserRow = { id: randomUUID(), name, pw_hash, admin: admin ? 1 : 0, created_at: now() };
  await db.insertInto('users').values(row).execute();
  return row;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(db: Db, name: string, password: string): Promise<{ token: string; user: UserRow } | null> {
  const user = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  // hash anyway when the user does not exist: the answer time does not tell which names exist
  const ok = user ? await verifyPassword(password, user.pw_hash) : (await hashPassword(password), false);
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const t = Date.now();
  await db
    .insertInto('sessions')
    .values({ id: tokenId(token), user_id: user.id, created_at: new Date(t).toISOString(), expires_at: new Date(t + SESSION_DAYS * 86400_000).toISOString() })
    .execute();
  return { token, user };
}

export async function sessionUser(db: Db, token: string | undefined): Promise<UserRow | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.pw_hash', 'users.admin', 'users.created_at', 'sessions.expires_at'])
    .where('sessions.id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row || row.expires_at < now()) return null;
  const { expires_at: _e, ...user } = row;
  return user;
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
}
