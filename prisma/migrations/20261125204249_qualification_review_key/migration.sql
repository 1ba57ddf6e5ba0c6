-- CreateTable
CREATE TABLE "QualificationReviewKey" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "qualificationTypeId" TEXT NOT NULL,
    "answerKeyXml" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QualificationReviewKey_pkey" PRIMARY KEY ("teamId","environment","qualificationTypeId")
);
