import { withTeam } from "@/lib/auth/guard";
import { CsvUploadInput } from "@/lib/review/review-inputs";
import { uploadResultsCsv } from "@/lib/review/upload-review-csv";

export const POST = withTeam({ role: "reviewer", input: CsvUploadInput }, ({ ctx, input }) => uploadResultsCsv(ctx, input));
