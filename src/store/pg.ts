import { Pool, type PoolClient, type PoolConfig } from 'pg';

/** A pool from a connection string (10 connections) or a full config, with `schema` applied. */
export async function openPool(config: string | PoolConfig, schema: string): Promise<Pool> {
  const pool = new Pool(typeof config === 'string' ? { connectionString: config, max: 10 } : config);
  await pool.query(schema);
  return pool;
}

/** Run `fn` inside BEGIN … COMMIT on one client; ROLLBACK and rethrow when it fails. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
