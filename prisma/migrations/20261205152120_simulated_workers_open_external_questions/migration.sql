-- AlterTable
ALTER TABLE "mk_simulated_workforce" ADD COLUMN     "externalHosts" TEXT[] DEFAULT ARRAY['localhost', '127.0.0.1', '::1']::TEXT[];

-- CreateTable
CREATE TABLE "mk_simulated_visit" (
    "hitId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mk_simulated_visit_pkey" PRIMARY KEY ("hitId")
);
