-- Sandbox accounts created before the worker site existed: open their sandbox HITs to every
-- worker, as new sandbox accounts are. Their simulated workforce stays off until switched on in
-- Settings, so work nobody asked for does not appear on HITs they already have.
UPDATE "mk_requester" SET "openWorkforce" = true WHERE "environment" = 'sandbox' AND NOT "openWorkforce";
