// MTurk's built-in qualification types (SPEC §7). They are not rows in mk_qualification_type:
// their values derive from the worker's record, except Masters, which is a granted
// MkQualification under the environment's Masters id.

export const LOCALE_TYPE_ID = "00000000000000000071";
export const NUMBER_HITS_APPROVED_TYPE_ID = "00000000000000000040";
export const ADULT_TYPE_ID = "00000000000000000060";
export const PERCENT_APPROVED_TYPE_ID = "000000000000000000L0";
export const MASTERS_TYPE_IDS = { production: "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH", sandbox: "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6" } as const;
type Environment = keyof typeof MASTERS_TYPE_IDS;

export type SystemQualificationKind = "Masters" | "NumberHITsApproved" | "Locale" | "Adult" | "PercentAssignmentsApproved";

export interface SystemQualificationType {
  id: string;
  kind: SystemQualificationKind;
  name: string;
  description: string;
  keywords: string;
}

// A fixed creation time, so GetQualificationType answers the same every time.
export const SYSTEM_TYPE_CREATION_TIME = new Date("2017-01-17T00:00:00Z");

export function systemQualificationTypes(environment: Environment): SystemQualificationType[] {
  return [
    {
      id: MASTERS_TYPE_IDS[environment],
      kind: "Masters",
      name: "Masters",
      description: "Workers who have demonstrated excellence across a wide range of HITs.",
      keywords: "Masters,system",
    },
    {
      id: NUMBER_HITS_APPROVED_TYPE_ID,
      kind: "NumberHITsApproved",
      name: "Worker_NumberHITsApproved",
      description: "The total number of HITs submitted by a Worker that have been approved.",
      keywords: "system",
    },
    {
      id: LOCALE_TYPE_ID,
      kind: "Locale",
      name: "Worker_Locale",
      description: "The location of the Worker, as specified in the Worker's mailing address.",
      keywords: "system,location",
    },
    {
      id: ADULT_TYPE_ID,
      kind: "Adult",
      name: "Worker_Adult",
      description: "Requires workers to acknowledge that they are over 18 and agree to work on potentially offensive content.",
      keywords: "system,adult",
    },
    {
      id: PERCENT_APPROVED_TYPE_ID,
      kind: "PercentAssignmentsApproved",
      name: "Worker_PercentAssignmentsApproved",
      description: "The percentage of assignments the Worker has submitted that were subsequently approved by the Requester, over all assignments the Worker has submitted.",
      keywords: "system",
    },
  ];
}

export function findSystemQualificationType(environment: Environment, id: string): SystemQualificationType | undefined {
  return systemQualificationTypes(environment).find((t) => t.id === id);
}
