import { inject } from "vitest";

// Before any module reads its configuration: the run's database and a throw-away data folder.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.HITDESK_DATA_DIR = inject("dataDir");
