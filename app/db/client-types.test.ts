import { createRequire } from "node:module";

import { Prisma } from "@prisma/client";
import type * as PostgresClientModule from ".prisma/client-postgresql";
import type { Prisma as Postgres } from ".prisma/client-postgresql";
import { describe, expect, expectTypeOf, it } from "vitest";

import { POSTGRES_CLIENT_PACKAGE } from "../../prisma/providers";

// app/db/client.server.ts hands out the PostgreSQL client under the SQLite client's type. That is
// sound only while both have the same models and fields, and every query argument written against
// the SQLite types is one the PostgreSQL client accepts (its string filters add `mode`, nothing
// else differs). The type assertions are checked by `tsc --noEmit`; the test compares the models
// the two generated clients carry at run time.

type SqliteMap = Prisma.TypeMap["model"];
type PostgresMap = Postgres.TypeMap["model"];
type ModelName = Prisma.ModelName;

type SameScalars = { [M in ModelName]: SqliteMap[M]["payload"]["scalars"] };
type PostgresScalars = { [M in ModelName]: PostgresMap[M]["payload"]["scalars"] };

type ArgsAccepted = {
  [M in ModelName]: {
    [Op in keyof SqliteMap[M]["operations"]]: SqliteMap[M]["operations"][Op] extends { args: infer A }
      ? Op extends keyof PostgresMap[M]["operations"]
        ? PostgresMap[M]["operations"][Op] extends { args: infer B }
          ? [A] extends [B]
            ? true
            : false
          : false
        : false
      : true;
  }[keyof SqliteMap[M]["operations"]];
}[ModelName];

describe("the PostgreSQL client stands in for the SQLite client", () => {
  it("has the same model names, fields and accepted query arguments (type level)", () => {
    expectTypeOf<Postgres.ModelName>().toEqualTypeOf<ModelName>();
    expectTypeOf<PostgresScalars>().toEqualTypeOf<SameScalars>();
    expectTypeOf<ArgsAccepted>().toEqualTypeOf<true>();
  });

  it("carries the same models and fields at run time, on the runtime the app imports", () => {
    const postgres = createRequire(import.meta.url)(POSTGRES_CLIENT_PACKAGE) as typeof PostgresClientModule;
    const shape = (dmmf: Prisma.DMMF.Document | typeof Prisma.dmmf) =>
      dmmf.datamodel.models.map((model) => ({
        name: model.name,
        fields: model.fields.map(({ name, kind, type, isList, isRequired }) => ({
          name,
          kind,
          type,
          isList,
          isRequired,
        })),
      }));
    expect(shape(postgres.Prisma.dmmf)).toEqual(shape(Prisma.dmmf));
    expect(shape(Prisma.dmmf).length).toBeGreaterThan(30);
    // One runtime: SQL fragments and error classes made through @prisma/client are the client's own.
    expect(postgres.Prisma.Sql).toBe(Prisma.Sql);
    expect(postgres.Prisma.PrismaClientKnownRequestError).toBe(Prisma.PrismaClientKnownRequestError);
  });
});
