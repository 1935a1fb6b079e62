/** The first admin of the server under test (given to it through HELPLINE_ADMIN_*). */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e admin password" };
