-- CreateTable
CREATE TABLE "mk_api_key" (
    "id" TEXT NOT NULL,
    "ownerRef" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'user',
    "environment" "MkEnvironment",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedEnvironment" "MkEnvironment",
    "lastUsedAccessKeyId" TEXT,

    CONSTRAINT "mk_api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mk_api_key_secret" (
    "accessKeyId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "mk_api_key_secret_pkey" PRIMARY KEY ("accessKeyId")
);

-- CreateIndex
CREATE INDEX "mk_api_key_ownerRef_purpose_idx" ON "mk_api_key"("ownerRef", "purpose");

-- CreateIndex
CREATE INDEX "mk_api_key_secret_keyId_idx" ON "mk_api_key_secret"("keyId");

-- Each requester key so far becomes the dashboard connection key of its environment, so
-- existing connections and scripts keep working with the same key pair.
INSERT INTO "mk_api_key" ("id", "ownerRef", "name", "purpose", "environment", "createdAt")
SELECT 'dk' || "id", "ownerRef", 'Dashboard connection', 'dashboard', "environment", "createdAt" FROM "mk_requester";

INSERT INTO "mk_api_key_secret" ("accessKeyId", "keyId", "secretCiphertext", "createdAt")
SELECT "accessKeyId", 'dk' || "id", "secretCiphertext", "createdAt" FROM "mk_requester";

-- DropIndex
DROP INDEX "mk_requester_accessKeyId_key";

-- AlterTable
ALTER TABLE "mk_requester" DROP COLUMN "accessKeyId",
DROP COLUMN "secretCiphertext";
