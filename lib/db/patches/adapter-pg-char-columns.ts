import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";

/**
 * The one place that patches @prisma/adapter-pg (pinned in package.json; its test,
 * adapter-pg-char-columns.test.ts, fails when an upgrade changes what this relies on):
 * `queryRaw` reads its result through the instance's `performIO(query)`, passing the same
 * query object, and maps each field's `dataTypeID` to a column type.
 *
 * The schema engine's catalog queries return Postgres' one-byte `"char"` columns (relkind,
 * contype, ...) and expect them typed Character, which the adapter rejects as unsupported.
 * Read them as text, then report them as Character.
 */

export const PATCHED_ADAPTER_PG_VERSION = "7.10.1";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface Queryable {
  performIO(query: object): Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
  startTransaction?(...args: unknown[]): Promise<Queryable>;
}

function readCharColumns<T extends Queryable>(q: T): T {
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    charColumns.set(query, indexes);
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...args) => readCharColumns(await start(...args));
  }
  return q;
}

/** The adapter (or transaction) with `"char"` columns read as Character; performIO is private in its types. */
export const withCharColumns = <A>(adapter: A): A => readCharColumns(adapter as unknown as Queryable) as unknown as A;
