// Two database roles (docs/decisions/0007-database-roles.md): an owner that owns the tables and runs
// migrations, and the app's role with data privileges only. The app's role may add to the audit
// table and read it, nothing more, and — not being superuser or owner — cannot switch its
// append-only trigger off (ALTER TABLE … DISABLE TRIGGER, session_replication_role).
import pg from 'pg'
import { applyMigrations } from './schema-engine'

export const OWNER_ROLE = 'xz_owner'
export const APP_ROLE = 'xz_app'

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * As the superuser (`adminUrl`, any database): makes the two login roles, or sets their passwords
 * when they exist, so a restart with the passwords of ./.data/secrets.json always works.
 */
export async function ensureRoles(adminUrl: string, roles: { ownerPassword: string; appPassword: string }): Promise<void> {
  await withClient(adminUrl, async (c) => {
    for (const [role, password] of [
      [OWNER_ROLE, roles.ownerPassword],
      [APP_ROLE, roles.appPassword],
    ] as const) {
      const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`
      await c.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} WITH ${attributes}`)
    }
  })
}

/**
 * As the superuser, connected to `database`: makes OWNER_ROLE its owner and the owner of every
 * table, sequence, type and function in it. A database made by an older version belongs to the
 * superuser; this hands it over. Nothing to do (and cheap) once it is done.
 */
export async function handOverToOwner(adminDatabaseUrl: string): Promise<void> {
  await withClient(adminDatabaseUrl, async (c) => {
    await c.query(`ALTER DATABASE ${ident((await c.query('SELECT current_database() AS d')).rows[0].d)} OWNER TO ${ident(OWNER_ROLE)}`)
    await c.query(`ALTER SCHEMA public OWNER TO ${ident(OWNER_ROLE)}`)
    await c.query(`
      DO $$
      DECLARE r record;
      BEGIN
        -- tables, views (their own sequences follow the table)
        FOR r IN SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> '${OWNER_ROLE}'::regrole
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
          EXECUTE 'ALTER TABLE ' || r.name || ' OWNER TO ${OWNER_ROLE}';
        END LOOP;
        FOR r IN SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '${OWNER_ROLE}'::regrole
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) LOOP
          EXECUTE 'ALTER SEQUENCE ' || r.name || ' OWNER TO ${OWNER_ROLE}';
        END LOOP;
        FOR r IN SELECT t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 AND t.typowner <> '${OWNER_ROLE}'::regrole
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
          EXECUTE 'ALTER TYPE ' || r.name || ' OWNER TO ${OWNER_ROLE}';
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND p.proowner <> '${OWNER_ROLE}'::regrole
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
          EXECUTE 'ALTER FUNCTION ' || r.name || ' OWNER TO ${OWNER_ROLE}';
        END LOOP;
      END $$`)
  })
}

/**
 * As the owner: the app's role may read and write every table except the audit table, which it
 * may only add to and read, and use the sequences. Default privileges give the same to tables and
 * sequences that later migrations create; this also runs after every migration, so a grant
 * changed here reaches existing databases.
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<void> {
  const app = ident(appRole)
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN')
    await c.query(`GRANT USAGE ON SCHEMA public TO ${app}`)
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`)
    await c.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`)
    await c.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM ${app}`)
    await c.query(`REVOKE ALL ON "_prisma_migrations" FROM ${app}`)
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`)
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`)
    await c.query('COMMIT')
  })
}

/** The role a URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username)
}

/**
 * Applies pending migrations as the owner (`migrateUrl`) and, when the app connects as another
 * role (`appUrl`), grants that role its privileges. Returns the migrations applied.
 */
export async function migrate(urls: { migrateUrl: string; appUrl: string }): Promise<string[]> {
  const applied = await applyMigrations(urls.migrateUrl)
  const appRole = roleOf(urls.appUrl)
  if (appRole !== roleOf(urls.migrateUrl)) await grantAppPrivileges(urls.migrateUrl, appRole)
  return applied
}
