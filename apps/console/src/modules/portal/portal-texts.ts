/** Said after "Email me a sign-in link" whatever the address: nobody can probe for contacts. */
export const SIGN_IN_SENT =
  "If this address belongs to one of our contacts, a sign-in link is on its way. It works once, within 15 minutes.";
