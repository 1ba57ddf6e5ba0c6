import { CreateHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { htmlQuestionXml } from "@/lib/mturk-formats/placeholders";
import { syncAccount } from "@/lib/sync/sync-account";

/** The team's sandbox account on the server's built-in marketplace, through the SDK. */
export async function teamSdk(team: { id: string; name: string }, baseURL: string): Promise<MTurkClient> {
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  return new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: keys });
}

/** HITs made outside HITdesk's batches (as another tool would), then synced into the cache. */
export async function seedHits(team: { id: string; name: string }, baseURL: string, titles: string[], annotation = "e2e-seed"): Promise<string[]> {
  const client = await teamSdk(team, baseURL);
  const ids: string[] = [];
  for (const title of titles) {
    const out = await client.send(
      new CreateHITCommand({
        Title: title,
        Description: `${title}: seeded for the HITs page`,
        Reward: "0.10",
        MaxAssignments: 2,
        LifetimeInSeconds: 86_400,
        AssignmentDurationInSeconds: 600,
        RequesterAnnotation: annotation,
        Question: htmlQuestionXml("<p>Seeded task</p><input name='answer'>", 300),
      }),
    );
    ids.push(out.HIT!.HITId!);
  }
  await syncAccount({ teamId: team.id, environment: "sandbox", client });
  return ids;
}
