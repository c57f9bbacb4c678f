// connect-pg-simple ships no types; this is the part the portal uses.
declare module 'connect-pg-simple' {
  interface PgStoreOptions {
    conString?: string;
    tableName?: string;
    createTableIfMissing?: boolean;
    pruneSessionInterval?: number | false;
  }
  interface PgStore {
    close(): Promise<void>;
  }
  type PgStoreClass = new (options: PgStoreOptions) => PgStore;
  function connectPgSimple(session: unknown): PgStoreClass;
  export = connectPgSimple;
}
