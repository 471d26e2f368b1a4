-- Issue 9, finding 1 (docs/decisions/0005-id-masking.md): the masked form shows the first four
-- digits only. Re-mask the stored forms, and the copies the data-quality findings keep for their
-- messages. Data only; no schema change.
UPDATE "Person"
SET "idMasked" = left("idMasked", 4) || repeat('*', length("idMasked") - 4)
WHERE "idMasked" IS NOT NULL AND "idMasked" <> left("idMasked", 4) || repeat('*', length("idMasked") - 4);

UPDATE "QualityFinding"
SET "details" = jsonb_set("details", '{idMasked}', to_jsonb(left("details"->>'idMasked', 4) || repeat('*', length("details"->>'idMasked') - 4)))
WHERE jsonb_typeof("details"->'idMasked') = 'string';
