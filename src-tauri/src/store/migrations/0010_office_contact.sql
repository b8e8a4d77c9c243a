-- The office's mailing address and phone, printed on letters to owners
-- (the deficiency notice) and other documents.
ALTER TABLE office ADD COLUMN mailing_address TEXT;
ALTER TABLE office ADD COLUMN phone TEXT;
