/** The field manager every write of the controller uses, so server-side apply tracks its fields as one owner. */
export const FIELD_MANAGER = 'flotilla-controller';
