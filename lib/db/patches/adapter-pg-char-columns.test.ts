import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { installedVersion, requiredVersion } from "@/test/support/package-versions";
import { describe, expect, inject, it } from "vitest";
import { PATCHED_ADAPTER_PG_VERSION, withCharColumns } from "./adapter-pg-char-columns";

// The patch replaces a private method of @prisma/adapter-pg: an upgrade must be checked against it.
const charQuery = () => ({ sql: `SELECT 'r'::"char" AS kind, 'text' AS name`, args: [], argTypes: [] });

describe("@prisma/adapter-pg, as the char-columns patch expects it", () => {
  it("is the version the patch was written for, pinned exactly", () => {
    expect(requiredVersion("@prisma/adapter-pg")).toBe(PATCHED_ADAPTER_PG_VERSION);
    expect(installedVersion("@prisma/adapter-pg")).toBe(PATCHED_ADAPTER_PG_VERSION);
  });

  it("reads results through the instance's performIO with the query object queryRaw was given", async () => {
    const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
    try {
      const adapter = (await new PrismaPg(pool).connect()) as unknown as { performIO(query: object): Promise<{ fields: { dataTypeID: number }[] }>; queryRaw(query: object): Promise<unknown> };
      expect(typeof adapter.performIO).toBe("function");
      const seen: object[] = [];
      const performIO = adapter.performIO.bind(adapter);
      adapter.performIO = async (query) => {
        seen.push(query);
        return performIO(query);
      };
      const query = { sql: "SELECT 1 AS one", args: [], argTypes: [] };
      await adapter.queryRaw(query);
      expect(seen).toEqual([query]);
      expect(seen[0]).toBe(query);
    } finally {
      await pool.end();
    }
  });

  it('still rejects "char" columns unpatched (else the patch can go) and reads them as Character patched, in transactions too', async () => {
    const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
    try {
      const plain = await new PrismaPg(pool).connect();
      await expect(plain.queryRaw(charQuery())).rejects.toMatchObject({ cause: { kind: "UnsupportedNativeDataType", type: "char" } });
      const patched = withCharColumns(await new PrismaPg(pool).connect());
      const result = await patched.queryRaw(charQuery());
      expect(result.columnTypes[0]).toBe(ColumnTypeEnum.Character);
      expect(result.rows).toEqual([["r", "text"]]);
      const tx = await patched.startTransaction();
      try {
        expect((await tx.queryRaw(charQuery())).columnTypes[0]).toBe(ColumnTypeEnum.Character);
      } finally {
        // The engine ends transactions with SQL; the adapter's rollback() only releases the connection.
        await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
        await tx.rollback();
      }
    } finally {
      await pool.end();
    }
  });
});
