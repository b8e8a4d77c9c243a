-- The audit trail records views as well as changes (HIPAA audit controls,
-- 45 CFR 164.312(b)), and it cannot be changed or deleted: not from the app,
-- and not by anything else that opens the store with its key.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be deleted');
END;

-- The audit page's filters, each newest first (`at` then the row id).
CREATE INDEX audit_log_staff_at ON audit_log(staff_id, at);
CREATE INDEX audit_log_action_at ON audit_log(action, at);
CREATE INDEX audit_log_entity_at ON audit_log(entity, at);
