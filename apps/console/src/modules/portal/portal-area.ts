/** Set by src/proxy.ts on the Customer Portal's requests (pages and its JSON endpoints). */
export const PORTAL_AREA_HEADER = "x-helpline-portal";
