/**
 * Hub migration 7 (issue 9), the same on SQLite and PostgreSQL: a visit's address on its 催记;
 * numbers and contacts an agent added keep the desk's key (sent back on the pulled rows so that
 * desk swaps its provisional rows) and who added them; why an agent marked a number bad.
 */
export const CHANNELS_PHONES_SCHEMA = /* sql */ `
ALTER TABLE attempts ADD COLUMN visit_address TEXT;
ALTER TABLE phones ADD COLUMN mark TEXT;
ALTER TABLE phones ADD COLUMN client_key TEXT;
ALTER TABLE phones ADD COLUMN added_by BIGINT;
ALTER TABLE contacts ADD COLUMN client_key TEXT;
ALTER TABLE contacts ADD COLUMN added_by BIGINT;
CREATE UNIQUE INDEX phones_client_key ON phones (client_key);
CREATE UNIQUE INDEX contacts_client_key ON contacts (client_key);
`;
