-- Five failed sign-ins in a row lock an account for 15 minutes; the window
-- locks itself after some minutes without use (15 at most, the
-- administrator may shorten it).
ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;
ALTER TABLE office ADD COLUMN lock_after_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (lock_after_minutes BETWEEN 1 AND 15);
